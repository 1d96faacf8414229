using System.Reflection;
using LiteDB.Engine;
using SmartCampus.Edge.Sync.Outbox;
using static SmartCampus.Edge.Sync.Tests.Outbox.OutboxTestContext;

namespace SmartCampus.Edge.Sync.Tests.Outbox;

public sealed class LiteDbPageCacheTests : IDisposable
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    // 4 KiB payloads: 2,000 records take about 1,000 data pages, so LiteDB's own steps would reach their 1,000-page
    // segment (1,662 pages in all) while these records pass through the outbox.
    private const int Records = 2_000;
    private const int Batch = 50;

    // The pages in use at once (one transaction's writes, the indexes) plus one 100-page step and a margin.
    private const int AllowedPages = 500;

    private readonly OutboxTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void EnsureLimited_FieldFound()
    {
        Assert.True(LiteDbPageCache.EnsureLimited(), "LiteDB.Constants.MEMORY_SEGMENT_SIZES not found; check LiteDbPageCache against this LiteDB version.");
    }

    [Fact]
    public async Task PageCache_BusyOutbox_StaysSmall()
    {
        var store = _context.Open();
        var payload = Json($$"""{"blob":"{{new string('x', 4096)}}"}""");

        for (var sent = 0; sent < Records; sent += Batch)
        {
            var appends = Enumerable.Range(0, Batch)
                .Select(_ => store.AppendAsync(OutboxLane.Telemetry, "sample", payload, CancellationToken.None).AsTask());
            await Task.WhenAll(appends);

            var records = store.PeekOldest(OutboxLane.Telemetry, Batch);
            await store.DeleteAsync(OutboxLane.Telemetry, records, CancellationToken.None);
        }

        var pages = CachePages(store);
        Assert.True(pages <= AllowedPages, $"LiteDB's page cache holds {pages} pages of 8 KiB (allowed {AllowedPages}).");
    }

    /// <summary>Pages LiteDB 5.0.21 has allocated for its cache: OutboxStore → LiteDatabase → LiteEngine → DiskService → MemoryCache.</summary>
    private static int CachePages(OutboxStore store)
    {
        var database = (OutboxDatabase)Field(store, "_database");
        var engine = (LiteEngine)Field(database.Database, "_engine");
        var disk = Field(engine, "_disk");
        var cache = Field(disk, "_cache");
        return (int)cache.GetType().GetProperty("ExtendPages", Instance)!.GetValue(cache)!;
    }

    private static object Field(object owner, string name) =>
        owner.GetType().GetField(name, Instance)?.GetValue(owner)
        ?? throw new InvalidOperationException($"{owner.GetType().Name}.{name} not found in this LiteDB version.");
}
