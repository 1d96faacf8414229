using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Devices;

/// <summary>Reads the keys of an access-gate device.</summary>
internal static class AccessGateReader
{
    public static AccessGateConfiguration Read(MappingReader device, DeviceEntry entry, string? name)
    {
        var building = device.Key("building").OptionalText("A");
        var location = device.Key("location").OptionalText("东门");
        var commandTimeout = device.Key("commandTimeout").OptionalDuration(TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1), "5s");
        var password = device.Key("password").RequiredSecret("gate-east-secret");

        return new AccessGateConfiguration
        {
            Id = entry.Id,
            Name = name,
            Building = building,
            Location = location,
            CommandTimeout = commandTimeout ?? AccessGateConfiguration.DefaultCommandTimeout,
            Password = password ?? string.Empty,
        };
    }
}
