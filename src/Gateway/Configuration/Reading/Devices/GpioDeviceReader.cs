using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Devices;

/// <summary>Reads the keys of a gpio device.</summary>
internal static class GpioDeviceReader
{
    private static readonly ChoiceSet<GpioDriverKind> Drivers = new(
        ("simulated", GpioDriverKind.Simulated),
        ("hardware", GpioDriverKind.Hardware));

    public static GpioDeviceConfiguration Read(MappingReader device, DeviceEntry entry, string? name)
    {
        var driver = device.Key("driver").RequiredChoice(Drivers);
        entry.IsSimulated = driver is null ? null : driver == GpioDriverKind.Simulated;

        // Hardware devices share the default chip, so their pins are checked across devices; simulated ones per device.
        var pins = driver == GpioDriverKind.Hardware ? device.Context.Devices.HardwarePins : new PinRegistry();
        var pointIds = new UniqueIds();
        var points = device.Key("points").MappingList(GpioPointReader.ItemExample, required: true, allowEmpty: false) ?? [];
        var configuredPoints = points.Select(point => GpioPointReader.Read(point, entry, pointIds, pins)).ToList();

        return new GpioDeviceConfiguration
        {
            Id = entry.Id,
            Name = name,
            Driver = driver ?? GpioDriverKind.Hardware,
            Points = configuredPoints,
        };
    }
}
