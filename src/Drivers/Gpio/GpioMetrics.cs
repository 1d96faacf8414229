using System.Diagnostics.Metrics;

namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>
/// Instruments of the meter "SmartCampus.Edge.Gpio", tagged with <c>device</c> and <c>point</c>: debounced input
/// changes, output writes by outcome, and line faults (a line that failed to open or read).
/// </summary>
public static class GpioMetrics
{
    public const string MeterName = "SmartCampus.Edge.Gpio";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> InputChanges = Meter.CreateCounter<long>(
        "smartcampus.gpio.input_changes", "{change}", "Debounced changes of GPIO inputs.");

    private static readonly Counter<long> OutputWrites = Meter.CreateCounter<long>(
        "smartcampus.gpio.output_writes", "{write}", "Writes to GPIO outputs; tag outcome is success or failure.");

    private static readonly Counter<long> LineFaults = Meter.CreateCounter<long>(
        "smartcampus.gpio.line_faults", "{fault}", "GPIO lines that failed to open or read.");

    internal static void RecordInputChange(string deviceId, string point) =>
        InputChanges.Add(1, DeviceTag(deviceId), PointTag(point));

    internal static void RecordOutputWrite(string deviceId, string point, bool succeeded) =>
        OutputWrites.Add(1, DeviceTag(deviceId), PointTag(point), new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    internal static void RecordLineFault(string deviceId, string point) =>
        LineFaults.Add(1, DeviceTag(deviceId), PointTag(point));

    private static KeyValuePair<string, object?> DeviceTag(string deviceId) => new("device", deviceId);

    private static KeyValuePair<string, object?> PointTag(string point) => new("point", point);
}
