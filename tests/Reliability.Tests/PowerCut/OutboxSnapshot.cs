using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Reliability.Tests.PowerCut;

/// <summary>
/// What an outbox file holds, read the way the gateway opens it after a restart. <see cref="Recovery"/> is set when
/// the store could not open the file and moved it aside, which after a power cut counts as a lost outbox.
/// </summary>
internal sealed record OutboxSnapshot(IReadOnlyDictionary<OutboxLane, IReadOnlySet<long>> Sequences, string? Recovery, long LastSequence)
{
    public static readonly OutboxLane[] Lanes = [OutboxLane.Alarms, OutboxLane.Events, OutboxLane.Telemetry];

    public static OutboxSnapshot Read(string databasePath)
    {
        using var store = new OutboxStore(new OutboxOptions { DatabasePath = databasePath }, TimeProvider.System, NullLogger<OutboxStore>.Instance);
        var sequences = Lanes.ToDictionary(
            lane => lane,
            lane => (IReadOnlySet<long>)store.PeekOldest(lane, int.MaxValue).Select(record => record.Sequence).ToHashSet());
        return new OutboxSnapshot(sequences, store.Recovery?.FormatMessage(), store.LastSequence);
    }

    public int Count => Sequences.Values.Sum(set => set.Count);
}
