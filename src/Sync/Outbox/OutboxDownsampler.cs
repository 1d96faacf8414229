using LiteDB;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Applies an <see cref="IOutboxDownsamplingPolicy"/> to the oldest telemetry inside the writer's transaction.
/// A summary takes the sequence of the first record it replaces, so the lane stays in sequence order and no new
/// sequence is used. A record that was already sent without PUBACK may reach the district next to its summary.
/// </summary>
internal sealed class OutboxDownsampler
{
    // Bounds one pass, so a long backlog is summarised over several commits rather than in one long transaction.
    private const int MaxRecordsPerPass = 5000;

    private readonly OutboxDatabase _database;
    private readonly IOutboxDownsamplingPolicy _policy;

    public OutboxDownsampler(OutboxDatabase database, IOutboxDownsamplingPolicy policy)
    {
        _database = database;
        _policy = policy;
    }

    public TimeSpan Interval => _policy.Interval;

    /// <summary>Replaces groups of old samples by summaries and adds the change; returns the number of records replaced.</summary>
    public int Run(DateTimeOffset now, LaneTotals change)
    {
        var collection = OutboxWriter.Collection(_database.Database, OutboxLane.Telemetry);
        var cutoffTicks = (now - _policy.OlderThan).UtcTicks;
        var intervalTicks = _policy.Interval.Ticks;

        var groups = new Dictionary<(string Type, string Key, long Interval), List<BsonDocument>>();
        foreach (var document in collection.Find(Query.All(Query.Ascending), 0, MaxRecordsPerPass))
        {
            var created = document["c"].AsInt64;
            if (created >= cutoffTicks)
            {
                break;
            }

            if (!document["k"].IsString || !document["v"].IsNumber)
            {
                continue;
            }

            var groupKey = (document["t"].AsString, document["k"].AsString, created / intervalTicks);
            if (!groups.TryGetValue(groupKey, out var members))
            {
                members = [];
                groups.Add(groupKey, members);
            }

            members.Add(document);
        }

        var replaced = 0;
        foreach (var ((type, key, interval), members) in groups)
        {
            if (members.Count < 2)
            {
                continue;
            }

            var values = members.Select(member => member["v"].AsDouble).ToList();
            var summary = new OutboxSampleSummary(
                type, key, new DateTimeOffset(interval * intervalTicks, TimeSpan.Zero), _policy.Interval, members.Count,
                members[0]["_id"].AsInt64, members[^1]["_id"].AsInt64, values.Min(), values.Max(), values.Average());
            var (summaryType, payload) = _policy.Summarise(summary);

            foreach (var member in members)
            {
                collection.Delete(member["_id"]);
                change.Add(OutboxLane.Telemetry, -1, -OutboxDocuments.EstimateBytes(member));
            }

            collection.Insert(OutboxDocuments.ToDocument(summary.FirstSequence, summaryType, payload, summary.IntervalStart, sample: null));
            change.Add(OutboxLane.Telemetry, 1, OutboxDocuments.EstimateBytes(summaryType, payload.Length));
            change.AddDownsampled(OutboxLane.Telemetry, members.Count);
            replaced += members.Count;
        }

        return replaced;
    }
}
