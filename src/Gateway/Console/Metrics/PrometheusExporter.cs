using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Metrics;

/// <summary>
/// Collects every instrument of the gateway's meters (names starting with <see cref="MeterPrefix"/>) and writes them
/// in the Prometheus text exposition format 0.0.4: counters as <c>_total</c>, up-down counters and gauges as gauges,
/// histograms with cumulative buckets, <c>_sum</c> and <c>_count</c>. Observable instruments are read at each scrape.
/// The runtime's own meter (<see cref="RuntimeMeter"/>: GC heap size and committed memory after the last collection,
/// allocated bytes, working set, thread pool) is exported too, so that a memory series can tell the managed heap
/// from the rest of the process.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    public const string MeterPrefix = "SmartCampus.Edge";

    /// <summary>Meter of the .NET runtime's built-in instruments (<c>dotnet.gc.*</c>, <c>dotnet.process.*</c>).</summary>
    public const string RuntimeMeter = "System.Runtime";

    /// <summary>Bucket bounds for histograms that give no advice of their own; fits milliseconds and small counts.</summary>
    private static readonly double[] DefaultBounds = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _series = new();
    private readonly Lock _scrape = new();
    private readonly LabelCache _labels = new(LabelsOf);

    public PrometheusExporter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal) || instrument.Meter.Name == RuntimeMeter)
            {
                _series.TryAdd(instrument, new InstrumentSeries(instrument, BoundsOf(instrument)));
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _series.TryRemove(instrument, out InstrumentSeries? _);
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<float>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<short>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<byte>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<decimal>((instrument, value, tags, _) => Record(instrument, (double)value, tags));
        _listener.Start();
    }

    /// <summary>The exposition text of every instrument, sorted by metric name.</summary>
    public string Scrape()
    {
        lock (_scrape)
        {
            _listener.RecordObservableInstruments();
            var text = new StringBuilder(4096);
            foreach (var series in _series.Values.OrderBy(series => series.Name, StringComparer.Ordinal))
            {
                series.Write(text);
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_series.TryGetValue(instrument, out var series))
        {
            series.Record(value, _labels.Get(tags));
        }
    }

    private static double[] BoundsOf(Instrument instrument) =>
        instrument switch
        {
            Histogram<double> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds],
            Histogram<long> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(bound => (double)bound)],
            Histogram<int> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(bound => (double)bound)],
            _ => DefaultBounds,
        };

    /// <summary>Labels in a stable order, already in exposition form: <c>a="x",b="y"</c>.</summary>
    private static string LabelsOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<KeyValuePair<string, object?>>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add(tag);
        }

        pairs.Sort((left, right) => string.CompareOrdinal(left.Key, right.Key));
        return string.Join(',', pairs.Select(pair => $"{PrometheusNames.Sanitise(pair.Key)}=\"{PrometheusNames.EscapeLabel(Convert.ToString(pair.Value, CultureInfo.InvariantCulture))}\""));
    }
}
