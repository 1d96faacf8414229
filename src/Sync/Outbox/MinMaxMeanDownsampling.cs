using System.Buffers;
using System.Text.Json;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Down-sampling to one record per group (a device, or one point for one-point records) and interval with count,
/// min, max and mean per point. The summary's type is the original type with ".summary" appended, e.g.
/// "samples.summary"; its payload is documented in docs/district-topics.md.
/// </summary>
public sealed class MinMaxMeanDownsampling : IOutboxDownsamplingPolicy
{
    public MinMaxMeanDownsampling(TimeSpan olderThan, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(olderThan, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);

        OlderThan = olderThan;
        Interval = interval;
    }

    public TimeSpan OlderThan { get; }

    public TimeSpan Interval { get; }

    public (string Type, byte[] Payload) Summarise(OutboxSampleSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("from", summary.IntervalStart);
            writer.WriteString("to", summary.IntervalStart + summary.Interval);
            writer.WriteNumber("records", summary.Count);
            writer.WriteNumber("firstSequence", summary.FirstSequence);
            writer.WriteNumber("lastSequence", summary.LastSequence);
            writer.WriteStartArray("points");
            foreach (var point in summary.Points)
            {
                writer.WriteStartObject();
                writer.WriteString("point", point.Key);
                writer.WriteNumber("count", point.Count);
                writer.WriteNumber("min", point.Min);
                writer.WriteNumber("max", point.Max);
                writer.WriteNumber("mean", point.Mean);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return (summary.Type + ".summary", buffer.WrittenSpan.ToArray());
    }
}
