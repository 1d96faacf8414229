using System.Globalization;
using System.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Metrics;

/// <summary>Bucket counts, sum and count of one histogram label set; the caller holds the lock.</summary>
internal sealed class HistogramState(int boundCount)
{
    private readonly long[] _buckets = new long[boundCount];
    private long _count;
    private double _sum;

    public void Record(double value, double[] bounds)
    {
        _count++;
        _sum += value;
        for (var index = 0; index < bounds.Length; index++)
        {
            if (value <= bounds[index])
            {
                _buckets[index]++;
                break;
            }
        }
    }

    /// <summary>Writes cumulative buckets up to +Inf, then _sum and _count.</summary>
    public void Write(StringBuilder text, string name, string labels, double[] bounds)
    {
        var separator = labels.Length > 0 ? "," : string.Empty;
        long cumulative = 0;
        for (var index = 0; index < bounds.Length; index++)
        {
            cumulative += _buckets[index];
            var le = bounds[index].ToString("R", CultureInfo.InvariantCulture);
            InstrumentSeries.Line(text, name + "_bucket", $"{labels}{separator}le=\"{le}\"", cumulative);
        }

        InstrumentSeries.Line(text, name + "_bucket", $"{labels}{separator}le=\"+Inf\"", _count);
        InstrumentSeries.Line(text, name + "_sum", labels, _sum);
        InstrumentSeries.Line(text, name + "_count", labels, _count);
    }
}
