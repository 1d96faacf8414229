using SmartCampus.Edge.Sync.Outbox;
using static SmartCampus.Edge.Sync.Tests.Outbox.OutboxTestContext;

namespace SmartCampus.Edge.Sync.Tests.Outbox;

[Collection(HeapMeasurementGroup.Name)]
public sealed class OutboxQueryMemoryTests : IDisposable
{
    // LiteDB keeps every distinct expression text it compiled, about 3 KB each. A query with the sequence in its text
    // would keep about 60 MB after these reads, while a parameterised query has one text.
    private const int Reads = 20_000;

    private const long AllowedGrowthBytes = 8 * 1024 * 1024;

    private readonly OutboxTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task PeekAfter_DistinctSequencesKeepNoMemory()
    {
        var store = _context.Open();
        var last = await store.AppendAsync(OutboxLane.Telemetry, "sample", Json(1), CancellationToken.None);

        // Warm up: the first read compiles the expression and fills LiteDB's page cache.
        Assert.Single(store.PeekAfter(OutboxLane.Telemetry, 0, 10));
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var after = 1L; after <= Reads; after++)
        {
            Assert.Empty(store.PeekAfter(OutboxLane.Telemetry, last + after, 10));
        }

        var growth = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(growth < AllowedGrowthBytes, $"{Reads} reads kept {growth:N0} bytes of managed heap (allowed {AllowedGrowthBytes:N0}).");
    }
}
