using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// Instruments of the meter "SmartCampus.Edge.Pipeline": samples and device events the pipeline processed, the
/// online state of every device that reported one, the number of known points and the age of the pipeline's last
/// pass (the value the systemd watchdog checks), and telemetry dropped from memory while the outbox was closed.
/// </summary>
public static class PipelineMetrics
{
    public const string MeterName = "SmartCampus.Edge.Pipeline";

    private static readonly Meter Meter = new(MeterName);

    private static readonly ConcurrentDictionary<PipelineSources, byte> Running = new();

    private static readonly Counter<long> Samples = Meter.CreateCounter<long>(
        "smartcampus.pipeline.samples", "{sample}", "Samples processed, by device and quality.");

    private static readonly Counter<long> DeviceEvents = Meter.CreateCounter<long>(
        "smartcampus.pipeline.device_events", "{event}", "Device events processed, by device and event type.");

    private static readonly Counter<long> TelemetryDropped = Meter.CreateCounter<long>(
        "smartcampus.pipeline.telemetry_dropped", "{record}", "Telemetry records dropped from memory while the outbox was closed, beyond the pipeline's budget.");

    static PipelineMetrics()
    {
        Meter.CreateObservableGauge("smartcampus.device.online", ObserveOnline, "{device}", "1 while the device's last online or offline event was online, else 0.");
        Meter.CreateObservableGauge("smartcampus.pipeline.points", () => Running.Keys.Select(sources => new Measurement<int>(sources.Points.Count)), "{point}", "Points with a known latest value.");
        Meter.CreateObservableGauge("smartcampus.pipeline.heartbeat_age", ObserveHeartbeatAge, "s", "Time since the pipeline last finished a pass.");
    }

    /// <summary>Reports device states, point count and heartbeat of a running pipeline until the handle is disposed.</summary>
    internal static IDisposable Track(DeviceStatusTable devices, PointTable points, PipelineHeartbeat heartbeat)
    {
        var sources = new PipelineSources(devices, points, heartbeat);
        Running.TryAdd(sources, 0);
        return new Registration(sources);
    }

    internal static void RecordSample(Sample sample) =>
        Samples.Add(1, new KeyValuePair<string, object?>("device", sample.Point.Device), new KeyValuePair<string, object?>("quality", QualityName(sample.Quality)));

    internal static void RecordDeviceEvent(DeviceEvent deviceEvent) =>
        DeviceEvents.Add(1, new KeyValuePair<string, object?>("device", deviceEvent.DeviceId), new KeyValuePair<string, object?>("type", deviceEvent.Type));

    internal static void RecordTelemetryDropped(int records) => TelemetryDropped.Add(records);

    private static IEnumerable<Measurement<int>> ObserveOnline()
    {
        foreach (var sources in Running.Keys)
        {
            foreach (var (device, online) in sources.Devices.States)
            {
                yield return new Measurement<int>(online ? 1 : 0, new KeyValuePair<string, object?>("device", device));
            }
        }
    }

    private static IEnumerable<Measurement<double>> ObserveHeartbeatAge()
    {
        foreach (var sources in Running.Keys)
        {
            if (sources.Heartbeat.SinceLastBeat is { } age)
            {
                yield return new Measurement<double>(age.TotalSeconds);
            }
        }
    }

    private static string QualityName(Quality quality) => quality switch
    {
        Quality.Good => "good",
        Quality.Bad => "bad",
        Quality.Stale => "stale",
        _ => quality.ToString().ToLowerInvariant(),
    };

    private sealed record PipelineSources(DeviceStatusTable Devices, PointTable Points, PipelineHeartbeat Heartbeat);

    private sealed class Registration(PipelineSources sources) : IDisposable
    {
        public void Dispose() => Running.TryRemove(sources, out _);
    }
}
