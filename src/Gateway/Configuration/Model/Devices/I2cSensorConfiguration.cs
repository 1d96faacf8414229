namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>A sensor chip on the gateway's own I2C bus, read through Iot.Device.Bindings (<c>kind: i2c-sensor</c>).</summary>
public sealed record I2cSensorConfiguration : DeviceConfiguration
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(10);

    /// <summary>Linux I2C bus number (/dev/i2c-N), 0 to 255; default 1.</summary>
    public int Bus { get; init; } = 1;

    /// <summary>7-bit address, 0x08 to 0x77; default from <see cref="DefaultAddress"/>.</summary>
    public required int Address { get; init; }

    public required I2cSensorChip Model { get; init; }

    public TimeSpan PollInterval { get; init; } = DefaultPollInterval;

    /// <summary>Address of the chip as shipped: 0x44 for an SHT3x with ADDR low, 0x62 (fixed) for an SCD4x.</summary>
    public static int DefaultAddress(I2cSensorChip model) => model == I2cSensorChip.Scd4x ? 0x62 : 0x44;
}
