using SmartCampus.Edge.Reliability.Tests.PowerCut;

namespace SmartCampus.Edge.Reliability.Tests.Support;

/// <summary>The checks every district-link test makes once the gateway has stopped.</summary>
internal static class DeliveryChecks
{
    /// <summary>
    /// Asserts order per lane (the first arrival of each sequence comes in increasing order) and no loss (what did
    /// not arrive is still in the outbox at <paramref name="outboxPath"/>, and together they leave no gap in the
    /// sequence). Returns every sequence delivered or still in the outbox.
    /// </summary>
    public static HashSet<long> AssertOrderedAndComplete(IReadOnlyList<DistrictArrival> arrivals, string outboxPath)
    {
        foreach (var lane in new[] { "alarms", "events", "telemetry" })
        {
            var sequences = arrivals.Where(arrival => arrival.Lane == lane).Select(arrival => arrival.Sequence).Distinct().ToList();
            Assert.True(sequences.SequenceEqual(sequences.Order()), $"The {lane} lane arrived out of order: {string.Join(',', sequences.Take(40))}");
        }

        var remaining = OutboxSnapshot.Read(outboxPath);
        var all = arrivals.Select(arrival => arrival.Sequence).Concat(remaining.Sequences.Values.SelectMany(set => set)).ToHashSet();
        var gaps = Enumerable.Range(1, (int)all.Max()).Where(sequence => !all.Contains(sequence)).ToList();
        Assert.True(gaps.Count == 0, $"{gaps.Count} sequences are neither delivered nor in the outbox: {string.Join(',', gaps.Take(20))}");
        return all;
    }
}
