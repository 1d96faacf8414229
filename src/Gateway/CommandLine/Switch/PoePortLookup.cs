using System.Globalization;
using SmartCampus.Edge.Gateway.CommandLine.Modbus;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Resources;

namespace SmartCampus.Edge.Gateway.CommandLine.Switch;

// NOTE: only switches polled over Modbus can be power-cycled; a switch that reports its ports over MQTT has no PoE command yet.
/// <summary>
/// Finds a port's PoE point in campus.yaml. By convention (the switch-poe-8 profile) the point of port N is named
/// <c>poeN</c>; a technician may also name the point itself. Only a coil or a whole holding register can switch power.
/// </summary>
internal static class PoePortLookup
{
    public const string PointPrefix = "poe";

    /// <summary>Returns the port, or null after writing the reason and the fix to <paramref name="output"/>.</summary>
    public static PoePort? Find(SiteConfiguration site, string deviceId, string port, TextWriter output)
    {
        var switches = site.Devices.Where(device => PointsOf(device).Any(IsPoePoint)).Select(device => device.Id).ToList();
        var device = site.Devices.FirstOrDefault(candidate => candidate.Id == deviceId);
        if (device is null || PointsOf(device).Count == 0)
        {
            output.WriteLine(SwitchText.Format("DeviceNotFound", deviceId, List(switches)));
            return null;
        }

        var points = PointsOf(device);
        var pointId = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? PointPrefix + number.ToString(CultureInfo.InvariantCulture) : port;
        var point = points.FirstOrDefault(candidate => candidate.Id == pointId);
        if (point is null)
        {
            output.WriteLine(SwitchText.Format("PortNotFound", port, deviceId, pointId, List(points.Where(IsPoePoint).Select(p => p.Id))));
            return null;
        }

        if (!IsWritable(point))
        {
            output.WriteLine(SwitchText.Format("PortNotSwitchable", deviceId, pointId));
            return null;
        }

        return new PoePort(LinkOf(device), point, DeviceFactory.ToPointOptions(point));
    }

    private static IReadOnlyList<ModbusPointConfiguration> PointsOf(DeviceConfiguration device) => device switch
    {
        ModbusTcpDeviceConfiguration tcp => tcp.Points,
        ModbusRtuDeviceConfiguration rtu => rtu.Points,
        _ => [],
    };

    private static bool IsPoePoint(ModbusPointConfiguration point) =>
        point.Id.StartsWith(PointPrefix, StringComparison.Ordinal) && IsWritable(point);

    private static bool IsWritable(ModbusPointConfiguration point) =>
        point.Function == ModbusFunction.Coil
        || (point.Function == ModbusFunction.Holding && point.Bit is null && point.DataType is ModbusDataType.UInt16 or ModbusDataType.Int16);

    private static ModbusLinkSettings LinkOf(DeviceConfiguration device) => device switch
    {
        ModbusTcpDeviceConfiguration tcp => new ModbusLinkSettings { DeviceId = tcp.Id, Host = tcp.Host, Port = tcp.Port, UnitId = tcp.UnitId, Timeout = tcp.Timeout },
        ModbusRtuDeviceConfiguration rtu => new ModbusLinkSettings { DeviceId = rtu.Id, Bus = DeviceFactory.ToBusOptions(rtu), UnitId = rtu.UnitId, Timeout = rtu.Timeout },
        _ => throw new ArgumentException($"Device {device.Id} is not a Modbus device.", nameof(device)),
    };

    private static string List(IEnumerable<string> ids)
    {
        var text = OperatorList.Join(ids);
        return text.Length == 0 ? SwitchText.Get("NoneListed") : text;
    }
}
