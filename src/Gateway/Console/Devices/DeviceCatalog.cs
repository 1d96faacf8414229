using System.Globalization;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;

namespace SmartCampus.Edge.Gateway.WebConsole.Devices;

/// <summary>The site's devices and their configured points with units, in file order, for the device list.</summary>
internal static class DeviceCatalog
{
    /// <param name="Settings">Settings the file writes out, as "key: value", shown beside the kind; defaults left out of the file stay hidden.</param>
    public sealed record Device(string Id, string? Name, string Kind, IReadOnlyList<PointEntry> Points, IReadOnlyList<string> Settings);

    public sealed record PointEntry(PointId Id, string? Unit);

    public static IReadOnlyList<Device> From(SiteConfiguration site) =>
        [.. site.Devices.Select(device => new Device(device.Id, device.Name, KindOf(device), PointsOf(device), SettingsOf(device)))];

    /// <summary>The configured unit of <paramref name="point"/> (ppm, °C); null for GPIO points, class boards and unknown points.</summary>
    public static string? UnitOf(SiteConfiguration site, PointId point) =>
        site.Devices.FirstOrDefault(device => device.Id == point.Device) is { } device
            ? PointsOf(device).FirstOrDefault(entry => entry.Id == point)?.Unit
            : null;

    /// <summary>GPIO outputs (device, point, safe state), the targets of the diagnostic pulse.</summary>
    public static IReadOnlyList<(PointId Point, bool SafeState)> GpioOutputs(SiteConfiguration site) =>
        [.. site.Devices.OfType<GpioDeviceConfiguration>()
            .SelectMany(device => device.Points
                .Where(point => point.Direction == GpioDirection.Output)
                .Select(point => (new PointId(device.Id, point.Id), point.SafeState)))];

    internal static string KindOf(DeviceConfiguration device) => device switch
    {
        ModbusTcpDeviceConfiguration => "modbus-tcp",
        ModbusRtuDeviceConfiguration => "modbus-rtu",
        GpioDeviceConfiguration => "gpio",
        ClassBoardConfiguration => "class-board",
        AccessGateConfiguration => "access-gate",
        MqttSensorConfiguration => "mqtt-sensor",
        _ => device.GetType().Name,
    };

    /// <summary>The Modbus request limits the device entry or its profile sets; other settings are not shown on the page.</summary>
    private static IReadOnlyList<string> SettingsOf(DeviceConfiguration device)
    {
        var limits = device switch
        {
            ModbusTcpDeviceConfiguration tcp => tcp.RequestLimits,
            ModbusRtuDeviceConfiguration rtu => rtu.RequestLimits,
            _ => ModbusRequestLimits.None,
        };

        return [.. limits.SetKeys().Select(setting => string.Create(CultureInfo.InvariantCulture, $"{setting.Key}: {setting.Value}"))];
    }

    private static IReadOnlyList<PointEntry> PointsOf(DeviceConfiguration device) => device switch
    {
        ModbusTcpDeviceConfiguration tcp => [.. tcp.Points.Select(point => new PointEntry(new PointId(device.Id, point.Id), point.Unit))],
        ModbusRtuDeviceConfiguration rtu => [.. rtu.Points.Select(point => new PointEntry(new PointId(device.Id, point.Id), point.Unit))],
        GpioDeviceConfiguration gpio => [.. gpio.Points.Select(point => new PointEntry(new PointId(device.Id, point.Id), null))],
        MqttSensorConfiguration sensor => [.. sensor.Points.Select(point => new PointEntry(new PointId(device.Id, point.Id), point.Unit))],
        _ => [],
    };
}
