using LiteDB;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Applies an <see cref="IOutboxDownsamplingPolicy"/> to the oldest telemetry inside the writer's transaction.
/// Records are grouped by type, group (see <see cref="OutboxSampleSet"/>) and interval; a group's summary, split into
/// parts of at most <see cref="MaxPointsPerSummary"/> keys, takes the sequences of the first records it replaces, so the lane stays in sequence order and no new
/// sequence is used. A record that was already sent without PUBACK may reach the district next to its summary.
/// </summary>
internal sealed class OutboxDownsampler
{
    /// <summary>Keys per summary record, so that a summary stays far below a broker's packet limit (about 120 bytes per key).</summary>
    public const int MaxPointsPerSummary = 100;

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

        var groups = new Dictionary<(string Type, string Group, long Interval), OutboxDownsamplingGroup>();
        foreach (var document in collection.Find(Query.All(Query.Ascending), 0, MaxRecordsPerPass))
        {
            var created = document["c"].AsInt64;
            if (created >= cutoffTicks)
            {
                break;
            }

            if (OutboxDocuments.ReadSamples(document) is not var (group, samples))
            {
                continue;
            }

            var groupKey = (document["t"].AsString, group, created / intervalTicks);
            if (!groups.TryGetValue(groupKey, out var members))
            {
                members = new OutboxDownsamplingGroup();
                groups.Add(groupKey, members);
            }

            members.Add(document, samples);
        }

        var replaced = 0;
        foreach (var ((type, group, interval), members) in groups)
        {
            if (members.Records.Count < 2)
            {
                continue;
            }

            foreach (var member in members.Records)
            {
                collection.Delete(member["_id"]);
                change.Add(OutboxLane.Telemetry, -1, -OutboxDocuments.EstimateBytes(member));
            }

            // Each part takes the sequence of one record it replaces, so parts never outnumber records. A part takes at
            // least as many keys as the largest record, and the keys of the group are at most all keys of its records.
            var points = members.Summaries();
            var partSize = Math.Max(MaxPointsPerSummary, members.LargestRecord);
            for (var part = 0; part * partSize < points.Count; part++)
            {
                var summary = new OutboxSampleSummary(
                    type, group, new DateTimeOffset(interval * intervalTicks, TimeSpan.Zero), _policy.Interval, members.Records.Count,
                    members.Records[0]["_id"].AsInt64, members.Records[^1]["_id"].AsInt64, points.Skip(part * partSize).Take(partSize).ToList());
                var (summaryType, payload) = _policy.Summarise(summary);
                collection.Insert(OutboxDocuments.ToDocument(members.Records[part]["_id"].AsInt64, summaryType, payload, summary.IntervalStart, samples: null));
                change.Add(OutboxLane.Telemetry, 1, OutboxDocuments.EstimateBytes(summaryType, payload.Length));
            }

            change.AddDownsampled(OutboxLane.Telemetry, members.Records.Count);
            replaced += members.Records.Count;
        }

        return replaced;
    }
}
