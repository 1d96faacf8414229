using System.Globalization;
using System.Text;

namespace SmartCampus.Edge.Benchmarks.Gateway;

/// <summary>
/// The large-school campus of the gateway-scale benchmark: Modbus TCP devices behind a few pymodbus servers (unit ids
/// 1..N on each port, as behind a Modbus TCP gateway) and MQTT sensors on the embedded campus broker, every device
/// with the same number of points, everything polled or published every <see cref="Period"/>. The console is on,
/// with HTTPS as shipped.
/// </summary>
internal sealed class ScaleCampus
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    public const string SensorPasswordPrefix = "scale-sensor-";

    public int ModbusServers { get; init; } = 8;

    public int UnitsPerServer { get; init; } = 50;

    public int Sensors { get; init; } = 100;

    public int PointsPerDevice { get; init; } = 20;

    /// <summary>
    /// Console history settings (<c>historySpan</c>, <c>historyInterval</c>) as YAML durations, or null for the
    /// defaults (6 h at 1 min).
    /// </summary>
    public (string Span, string Interval)? History { get; init; }

    public int Devices => (ModbusServers * UnitsPerServer) + Sensors;

    public int Points => Devices * PointsPerDevice;

    public static string SensorId(int index) => string.Create(CultureInfo.InvariantCulture, $"aq-{index:000}");

    public static string PointKey(int index) => string.Create(CultureInfo.InvariantCulture, $"v{index:00}");

    public string Yaml(IReadOnlyList<int> modbusPorts, int campusPort, int districtPort, int consolePort)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            school:
              id: scale-school
              name: 规模测试学校
            gateway:
              id: gw-scale
              language: en
              dataDirectory: ./data
            campusBroker:
              mode: embedded
              host: 127.0.0.1
              port: {campusPort}
              username: gateway
              password: scale-gateway-pass
            district:
              host: 127.0.0.1
              port: {districtPort}
              protocol: "5"
              topicPrefix: district
            console:
              enabled: true
              address: 127.0.0.1
              port: {consolePort}
              https: true

            """);
        if (History is { } history)
        {
            text.Append(CultureInfo.InvariantCulture, $"  historySpan: {history.Span}\n  historyInterval: {history.Interval}\n");
        }

        text.Append("devices:\n");

        for (var server = 0; server < modbusPorts.Count; server++)
        {
            for (var unit = 1; unit <= UnitsPerServer; unit++)
            {
                text.Append(CultureInfo.InvariantCulture, $"  - id: mb-{server:00}-{unit:000}\n    kind: modbus-tcp\n    host: 127.0.0.1\n    port: {modbusPorts[server]}\n    unitId: {unit}\n    pollInterval: 5s\n    timeout: 2s\n    points:\n");
                for (var point = 0; point < PointsPerDevice; point++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"      - id: {PointKey(point)}\n        function: holding\n        address: {point}\n        type: uint16\n");
                }
            }
        }

        for (var sensor = 1; sensor <= Sensors; sensor++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - id: {SensorId(sensor)}\n    kind: mqtt-sensor\n    password: {SensorPasswordPrefix}{sensor}\n    points:\n");
            for (var point = 0; point < PointsPerDevice; point++)
            {
                text.Append(CultureInfo.InvariantCulture, $"      - id: {PointKey(point)}\n        jsonPath: {PointKey(point)}\n");
            }
        }

        return text.ToString();
    }
}
