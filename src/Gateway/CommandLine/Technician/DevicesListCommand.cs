using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;

namespace SmartCampus.Edge.Gateway.CommandLine.Technician;

/// <summary>
/// <c>smartcampus-edge devices list --config FILE</c>: every device of campus.yaml with its transport and points,
/// written with the configuration's own key names so that a technician finds each line in the file.
/// </summary>
internal static class DevicesListCommand
{
    public static int Execute(FileInfo configFile, string? language, TextWriter output, TextWriter error)
    {
        if (!SiteLoading.TryLoad(configFile, language, error, out var site, out var exitCode))
        {
            return exitCode;
        }

        var pointCount = site.Devices.Sum(device => PointsOf(device).Count);
        output.WriteLine(TechnicianText.Format("DevicesSummary", site.Devices.Count, pointCount, configFile.FullName));

        foreach (var device in site.Devices)
        {
            output.WriteLine();
            var name = string.IsNullOrWhiteSpace(device.Name) ? string.Empty : $"  {device.Name}";
            output.WriteLine(TechnicianText.Format("DeviceLine", device.Id, Describe(device), name));
            foreach (var point in PointsOf(device))
            {
                output.WriteLine(TechnicianText.Format("PointLine", point.Id, point.Details));
            }
        }

        return ExitCodes.Success;
    }

    private static string Describe(DeviceConfiguration device) => device switch
    {
        GpioDeviceConfiguration gpio => $"kind: gpio, driver: {Lower(gpio.Driver)}",
        ModbusTcpDeviceConfiguration tcp => $"kind: modbus-tcp, host: {tcp.Host}, port: {tcp.Port}, unitId: {tcp.UnitId}, pollInterval: {Duration(tcp.PollInterval)}, timeout: {Duration(tcp.Timeout)}{Limits(tcp.RequestLimits)}",
        ModbusRtuDeviceConfiguration rtu => $"kind: modbus-rtu, {RtuLine(rtu)}, unitId: {rtu.UnitId}, pollInterval: {Duration(rtu.PollInterval)}, timeout: {Duration(rtu.Timeout)}{Limits(rtu.RequestLimits)}",
        MqttSensorConfiguration mqtt => $"kind: mqtt-sensor, topic: campus/sensors/{mqtt.Id}/...",
        ClassBoardConfiguration board => $"kind: class-board{Setting("building", board.Building)}{Setting("floor", board.Floor)}{Setting("room", board.Room)}, heartbeatTimeout: {Duration(board.HeartbeatTimeout)}",
        AccessGateConfiguration gate => $"kind: access-gate, location: {gate.Location ?? "-"}, commandTimeout: {Duration(gate.CommandTimeout)}",
        _ => $"kind: {device.GetType().Name}",
    };

    /// <summary>Returns the line settings with their campus.yaml keys, parity as the file writes it.</summary>
    private static string RtuLine(ModbusRtuDeviceConfiguration rtu) => rtu.TunnelHost is null
        ? $"serialPort: {rtu.SerialPort}, baudRate: {rtu.BaudRate}, parity: {Lower(rtu.Parity)}, dataBits: {rtu.DataBits}, stopBits: {rtu.StopBits}"
        : $"tunnelHost: {rtu.TunnelHost}, tunnelPort: {rtu.TunnelPort}";

    /// <summary>Returns the request limits the device entry or its profile sets; the defaults stay hidden.</summary>
    private static string Limits(ModbusRequestLimits limits) =>
        string.Concat(limits.SetKeys().Select(setting => Setting(setting.Key, setting.Value.ToString(CultureInfo.InvariantCulture))));

    private static List<(string Id, string Details)> PointsOf(DeviceConfiguration device) => device switch
    {
        GpioDeviceConfiguration gpio => [.. gpio.Points.Select(point => (point.Id, Gpio(point)))],
        ModbusTcpDeviceConfiguration tcp => [.. tcp.Points.Select(point => (point.Id, Modbus(point)))],
        ModbusRtuDeviceConfiguration rtu => [.. rtu.Points.Select(point => (point.Id, Modbus(point)))],
        MqttSensorConfiguration mqtt => [.. mqtt.Points.Select(point => (point.Id, $"jsonPath: {point.JsonPath}, type: {Lower(point.Kind)}{Unit(point.Unit)}"))],
        _ => [],
    };

    private static string Gpio(GpioPointConfiguration point)
    {
        var text = $"direction: {Lower(point.Direction)}, pin: {point.Pin}, activeLow: {Lower(point.ActiveLow)}";
        return point.Direction == GpioDirection.Input
            ? $"{text}, debounce: {Duration(point.Debounce)}"
            : $"{text}, safeState: {Lower(point.SafeState)}{(point.Pulse is { } pulse ? $", pulse: {Duration(pulse)}" : string.Empty)}";
    }

    private static string Modbus(ModbusPointConfiguration point)
    {
        var bit = point.Bit is { } value ? $", bit: {value}" : string.Empty;
        var order = point.WordOrder != ModbusPointConfiguration.DefaultWordOrder ? $", order: {point.WordOrder.ToString().ToUpperInvariant()}" : string.Empty;
        // Like the word order, scale 1 and offset 0 are defaults and stay hidden, so a line shows only what the file sets.
        var scale = point.Scale != 1 ? string.Create(CultureInfo.InvariantCulture, $", scale: {point.Scale}") : string.Empty;
        var offset = point.Offset != 0 ? string.Create(CultureInfo.InvariantCulture, $", offset: {point.Offset}") : string.Empty;
        var function = point.Function == ModbusFunction.DiscreteInput ? "discrete" : Lower(point.Function);
        return $"function: {function}, address: {point.Address}, type: {Lower(point.DataType)}{order}{bit}{scale}{offset}{Unit(point.Unit)}";
    }

    private static string Unit(string? unit) => Setting("unit", unit);

    /// <summary>Returns ", key: value" for a setting the file gives, and nothing for one it leaves out.</summary>
    private static string Setting(string key, string? value) => string.IsNullOrEmpty(value) ? string.Empty : $", {key}: {value}";

    private static string Lower<T>(T value) => Convert.ToString(value, CultureInfo.InvariantCulture)!.ToLowerInvariant();

    private static string Duration(TimeSpan duration) => DurationText.Format(duration);
}
