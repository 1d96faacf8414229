using System.Buffers;
using System.Text.Json;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Down-sampling to one record per point and interval with count, min, max and mean. The summary's type is the
/// original type with ".summary" appended, e.g. "sample.summary"; its payload is documented in docs/district-topics.md.
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
            writer.WriteString("point", summary.Key);
            writer.WriteString("from", summary.IntervalStart);
            writer.WriteString("to", summary.IntervalStart + summary.Interval);
            writer.WriteNumber("count", summary.Count);
            writer.WriteNumber("min", summary.Min);
            writer.WriteNumber("max", summary.Max);
            writer.WriteNumber("mean", summary.Mean);
            writer.WriteNumber("firstSequence", summary.FirstSequence);
            writer.WriteNumber("lastSequence", summary.LastSequence);
            writer.WriteEndObject();
        }

        return (summary.Type + ".summary", buffer.WrittenSpan.ToArray());
    }
}
