using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SmartCampus.Edge.Drivers.Modbus.Diagnostics;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Diagnostics;

/// <summary>
/// Collects the measurements of <see cref="ModbusMetrics"/> for one device id. Tests run in parallel on one process-wide
/// meter, so each test uses its own device id and reads only its own measurements.
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _deviceId;

    public MetricsRecorder(string deviceId)
    {
        _deviceId = deviceId;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ModbusMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<(string Instrument, double Value, string? Kind)> Measurements { get; } = new();

    public double Sum(string instrument, string? kind = null) =>
        Measurements.Where(m => m.Instrument == instrument && (kind is null || m.Kind == kind)).Sum(m => m.Value);

    public int Count(string instrument) => Measurements.Count(m => m.Instrument == instrument);

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? device = null;
        string? kind = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "device")
            {
                device = tag.Value as string;
            }
            else if (tag.Key == "kind")
            {
                kind = tag.Value as string;
            }
        }

        if (device == _deviceId)
        {
            Measurements.Enqueue((instrument.Name, value, kind));
        }
    }
}
