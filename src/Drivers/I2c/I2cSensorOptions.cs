namespace SmartCampus.Edge.Drivers.I2c;

/// <summary>One sensor chip on an I2C bus of the gateway, polled like a Modbus device.</summary>
public sealed class I2cSensorOptions
{
    public required string DeviceId { get; init; }

    /// <summary>Linux I2C bus number: 1 is /dev/i2c-1, the bus on pins 3 and 5 of a Raspberry Pi.</summary>
    public int BusId { get; init; } = 1;

    /// <summary>7-bit device address, for example 0x44 for an SHT3x with ADDR low.</summary>
    public required int Address { get; init; }

    public required I2cSensorModel Model { get; init; }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First wait before opening the bus again after a failure; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(2);
}
