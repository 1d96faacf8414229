using LiteDB;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// The LiteDB queries of <see cref="OutboxStore"/>'s reads, built once per thread and reused. LiteDB 5.0.21 parses
/// the text of each new <see cref="BsonExpression"/> again and caches only the compiled delegate. In the
/// outbox-cycle benchmark that was about 4 KB of garbage per read after a sequence and 1.6 KB per read of the oldest.
/// A <see cref="Query"/> is not thread-safe, because its limit and the sequence parameter are set before each use,
/// so each thread has its own.
/// </summary>
/// <remarks>
/// The sequence is a parameter, not part of the text: LiteDB compiles every distinct expression text once and keeps
/// it for the life of the process, so a sequence written into the text leaks about 3 KB per distinct sequence.
/// </remarks>
internal static class OutboxQueries
{
    [ThreadStatic]
    private static Query? t_oldest;

    [ThreadStatic]
    private static Query? t_after;

    /// <summary>Up to <paramref name="max"/> records, lowest sequence first.</summary>
    public static Query Oldest(int max)
    {
        var query = t_oldest ??= Query.All(Query.Ascending);
        query.Offset = 0;
        query.Limit = max;
        return query;
    }

    /// <summary>Up to <paramref name="max"/> records with a sequence above <paramref name="sequence"/>, lowest first.</summary>
    public static Query After(long sequence, int max)
    {
        if (t_after is null)
        {
            // Ordered by _id, LiteDB walks the _id index from the first key above the parameter: sequence order without a sort.
            t_after = Query.All(Query.Ascending);
            t_after.Where.Add(BsonExpression.Create("_id > @0", new BsonValue(0L)));
        }

        t_after.Where[0].Parameters["0"] = sequence;
        t_after.Offset = 0;
        t_after.Limit = max;
        return t_after;
    }
}
