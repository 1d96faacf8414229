using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Metrics;

/// <summary>The aggregated values of one instrument, one entry per label set.</summary>
internal sealed class InstrumentSeries
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HistogramState> _histograms = new(StringComparer.Ordinal);
    private readonly double[] _bounds;
    private readonly Kind _kind;

    public InstrumentSeries(Instrument instrument, double[] bounds)
    {
        Instrument = instrument;
        _bounds = bounds;
        _kind = KindOf(instrument);
        var unit = string.IsNullOrEmpty(instrument.Unit) || instrument.Unit.StartsWith('{') ? string.Empty : "_" + PrometheusNames.Sanitise(instrument.Unit);
        var baseName = PrometheusNames.Sanitise(instrument.Name);
        baseName = unit.Length > 0 && !baseName.EndsWith(unit, StringComparison.Ordinal) ? baseName + unit : baseName;
        Name = _kind == Kind.Counter && !baseName.EndsWith("_total", StringComparison.Ordinal) ? baseName + "_total" : baseName;
    }

    private enum Kind
    {
        Counter,
        ObservedCounter,
        Sum,
        Gauge,
        Histogram,
    }

    public Instrument Instrument { get; }

    public string Name { get; }

    public void Record(double value, string labels)
    {
        lock (_gate)
        {
            switch (_kind)
            {
                case Kind.Counter or Kind.Sum:
                    _values[labels] = _values.GetValueOrDefault(labels) + value;
                    break;
                case Kind.ObservedCounter or Kind.Gauge:
                    _values[labels] = value;
                    break;
                case Kind.Histogram:
                    if (!_histograms.TryGetValue(labels, out var histogram))
                    {
                        histogram = new HistogramState(_bounds.Length);
                        _histograms[labels] = histogram;
                    }

                    histogram.Record(value, _bounds);
                    break;
            }
        }
    }

    public void Write(StringBuilder text)
    {
        lock (_gate)
        {
            if (_values.Count == 0 && _histograms.Count == 0)
            {
                return;
            }

            var type = _kind switch
            {
                Kind.Counter or Kind.ObservedCounter => "counter",
                Kind.Histogram => "histogram",
                _ => "gauge",
            };

            if (!string.IsNullOrEmpty(Instrument.Description))
            {
                text.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusNames.EscapeHelp(Instrument.Description)).Append('\n');
            }

            text.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
            foreach (var (labels, value) in _values.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                Line(text, Name, labels, value);
            }

            foreach (var (labels, histogram) in _histograms.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                histogram.Write(text, Name, labels, _bounds);
            }
        }
    }

    internal static void Line(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    internal static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static Kind KindOf(Instrument instrument)
    {
        var type = instrument.GetType();
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return definition switch
        {
            _ when definition == typeof(Counter<>) => Kind.Counter,
            _ when definition == typeof(ObservableCounter<>) => Kind.ObservedCounter,
            _ when definition == typeof(UpDownCounter<>) => Kind.Sum,
            _ when definition == typeof(Histogram<>) => Kind.Histogram,
            _ => Kind.Gauge,
        };
    }
}
