using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Devices;

/// <summary>
/// The words for true and false of each boolean point, from what campus.yaml declares the point to be: a smoke contact
/// that an input rule watches reads 报警/正常, a class board's online point 在线/离线, an output 开/关. The point's
/// kind and the rules decide, never its name.
/// </summary>
internal sealed class BooleanTexts
{
    /// <summary>No configuration: every boolean reads on/off.</summary>
    public static readonly BooleanTexts None = new(new Dictionary<PointId, (BooleanMeaning, bool)>());

    private readonly Dictionary<PointId, (BooleanMeaning Meaning, bool AlarmValue)> _points;

    private BooleanTexts(Dictionary<PointId, (BooleanMeaning Meaning, bool AlarmValue)> points)
    {
        _points = points;
    }

    public static BooleanTexts From(SiteConfiguration site)
    {
        ArgumentNullException.ThrowIfNull(site);

        // Only boolean points that do not read on/off get an entry: at 10,000 mostly numeric points, an entry for
        // every point took 560 KB for each open devices page (docs/benchmarks/gateway.md).
        var points = new Dictionary<PointId, (BooleanMeaning, bool)>();
        foreach (var device in site.Devices)
        {
            foreach (var (point, meaning) in MeaningsOf(device))
            {
                if (meaning != BooleanMeaning.Switch)
                {
                    points[new PointId(device.Id, point)] = (meaning, true);
                }
            }
        }

        // An input rule names the value that raises its alarm, so that value reads "alarm" whatever the point's kind.
        foreach (var rule in site.Rules.OfType<InputRuleConfiguration>())
        {
            points[rule.Point] = (BooleanMeaning.Alarm, rule.TriggerValue);
        }

        return new BooleanTexts(points);
    }

    /// <summary>
    /// Returns the word for <paramref name="value"/> of <paramref name="point"/>; a point the site does not declare as a
    /// boolean of another meaning reads on/off.
    /// </summary>
    public string Format(PointId point, bool value)
    {
        var (meaning, alarmValue) = _points.GetValueOrDefault(point, (BooleanMeaning.Switch, true));
        var key = meaning switch
        {
            BooleanMeaning.Online => value ? "ValueOnline" : "ValueOffline",
            BooleanMeaning.Alarm => value == alarmValue ? "ValueAlarm" : "ValueNormal",
            BooleanMeaning.Active => value ? "ValueActive" : "ValueInactive",
            _ => value ? "ValueOn" : "ValueOff",
        };
        return ConsoleText.Get(key);
    }

    private static IEnumerable<(string Point, BooleanMeaning Meaning)> MeaningsOf(DeviceConfiguration device) => device switch
    {
        GpioDeviceConfiguration gpio => gpio.Points.Select(point => (point.Id, point.Direction == GpioDirection.Output ? BooleanMeaning.Switch : BooleanMeaning.Active)),
        ModbusTcpDeviceConfiguration tcp => tcp.Points.Where(IsBoolean).Select(point => (point.Id, Of(point))),
        ModbusRtuDeviceConfiguration rtu => rtu.Points.Where(IsBoolean).Select(point => (point.Id, Of(point))),
        MqttSensorConfiguration sensor => sensor.Points.Where(point => point.Kind == MqttSensorValueKind.Boolean).Select(point => (point.Id, BooleanMeaning.Active)),
        ClassBoardConfiguration => [(ClassBoardHub.OnlinePoint, BooleanMeaning.Online)],
        _ => [],
    };

    /// <summary>True for coils, discrete inputs and register bits. The driver reads every other Modbus point as a number or a text.</summary>
    private static bool IsBoolean(ModbusPointConfiguration point) =>
        point.Function is ModbusFunction.Coil or ModbusFunction.DiscreteInput || point.Bit is not null;

    /// <summary>Coils and holding register bits are written by the gateway; discrete inputs and input register bits are read only.</summary>
    private static BooleanMeaning Of(ModbusPointConfiguration point) =>
        point.Function is ModbusFunction.Coil or ModbusFunction.Holding ? BooleanMeaning.Switch : BooleanMeaning.Active;
}
