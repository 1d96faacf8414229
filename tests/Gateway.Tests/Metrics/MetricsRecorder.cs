using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SmartCampus.Edge.Gateway.Tests.Metrics;

/// <summary>Records every measurement of the gateway's meters ("SmartCampus.Edge.*") for assertions.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();

    public MetricsRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("SmartCampus.Edge", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Sum of the counter's increments whose tags include every given tag.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) =>
        Matching(instrument, tags).Sum(measurement => measurement.Value);

    /// <summary>Collects the observable instruments now and returns the values whose tags include every given tag.</summary>
    public IReadOnlyList<double> Observe(string instrument, params (string Key, string Value)[] tags)
    {
        var before = _measurements.Count;
        _listener.RecordObservableInstruments();
        return [.. _measurements.Skip(before).Where(m => m.Instrument == instrument && HasTags(m, tags)).Select(m => m.Value)];
    }

    public void Dispose() => _listener.Dispose();

    private IEnumerable<RecordedMeasurement> Matching(string instrument, (string Key, string Value)[] tags) =>
        _measurements.Where(measurement => measurement.Instrument == instrument && HasTags(measurement, tags));

    private static bool HasTags(RecordedMeasurement measurement, (string Key, string Value)[] tags) =>
        tags.All(tag => measurement.Tags.TryGetValue(tag.Key, out var value) && value == tag.Value);

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        _measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, copy));
    }

    private sealed record RecordedMeasurement(string Instrument, double Value, Dictionary<string, string> Tags);
}
