using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Devices;

/// <summary>Reads the keys of an i2c-sensor device; its points follow from the model.</summary>
internal static class I2cSensorReader
{
    private static readonly ChoiceSet<I2cSensorChip> Models = new(("sht3x", I2cSensorChip.Sht3x), ("scd4x", I2cSensorChip.Scd4x));

    public static I2cSensorConfiguration Read(MappingReader device, DeviceEntry entry, string? name)
    {
        var bus = device.Key("bus").OptionalInteger(0, 255, "1");
        var address = device.Key("address").OptionalInteger(0x08, 0x77, "0x44");
        var model = device.Key("model").RequiredChoice(Models);
        var pollInterval = device.Key("pollInterval").OptionalDuration(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "10s");

        if (model == I2cSensorChip.Scd4x)
        {
            entry.AddPoint("co2", PointSignal.Number);
        }

        if (model is I2cSensorChip.Sht3x or I2cSensorChip.Scd4x)
        {
            entry.AddPoint("temperature", PointSignal.Number);
            entry.AddPoint("humidity", PointSignal.Number);
        }

        return new I2cSensorConfiguration
        {
            Id = entry.Id,
            Name = name,
            Bus = bus ?? 1,
            Address = address ?? I2cSensorConfiguration.DefaultAddress(model ?? I2cSensorChip.Sht3x),
            Model = model ?? I2cSensorChip.Sht3x,
            PollInterval = pollInterval ?? I2cSensorConfiguration.DefaultPollInterval,
        };
    }
}
