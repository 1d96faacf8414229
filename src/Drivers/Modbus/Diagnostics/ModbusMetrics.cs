using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SmartCampus.Edge.Drivers.Modbus.Diagnostics;

/// <summary>
/// Instruments of the Modbus clients on the meter "SmartCampus.Edge.Modbus". Every request attempt counts, retries
/// included. Latency is recorded only for attempts the device responded to, with data or an exception response.
/// </summary>
public static class ModbusMetrics
{
    public const string MeterName = "SmartCampus.Edge.Modbus";

    /// <summary>Counter of request attempts, tagged <c>device</c>.</summary>
    public const string RequestsName = "modbus.client.requests";

    /// <summary>
    /// Counter of failed attempts, tagged <c>device</c> and <c>kind</c>: <c>exception_response</c>, <c>timeout</c>,
    /// <c>framing</c> (RTU bytes without a valid frame), <c>connection</c> or <c>protocol</c>.
    /// </summary>
    public const string ErrorsName = "modbus.client.errors";

    /// <summary>Histogram of the time from queueing an attempt to its reply, in milliseconds, tagged <c>device</c>.</summary>
    public const string LatencyName = "modbus.client.latency";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(RequestsName, "{request}", "Modbus request attempts, retries included");

    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(ErrorsName, "{error}", "Modbus request attempts that failed, by kind");

    private static readonly Histogram<double> Latency = Meter.CreateHistogram<double>(LatencyName, "ms", "Time from queueing a Modbus request to its reply");

    internal static void Record(string deviceId, ModbusRequestOutcome outcome, TimeSpan latency)
    {
        var device = new KeyValuePair<string, object?>("device", deviceId);
        Requests.Add(1, device);

        if (outcome is ModbusRequestOutcome.Response or ModbusRequestOutcome.ExceptionResponse)
        {
            Latency.Record(latency.TotalMilliseconds, device);
        }

        if (outcome != ModbusRequestOutcome.Response)
        {
            var tags = new TagList { device, { "kind", KindOf(outcome) } };
            Errors.Add(1, tags);
        }
    }

    private static string KindOf(ModbusRequestOutcome outcome) => outcome switch
    {
        ModbusRequestOutcome.ExceptionResponse => "exception_response",
        ModbusRequestOutcome.Timeout => "timeout",
        ModbusRequestOutcome.FramingError => "framing",
        ModbusRequestOutcome.ConnectionError => "connection",
        _ => "protocol",
    };
}
