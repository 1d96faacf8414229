using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Sync.Outbox;
using static SmartCampus.Edge.Sync.Tests.Outbox.OutboxTestContext;

namespace SmartCampus.Edge.Sync.Tests.Outbox;

/// <summary>Records made before the clock was synchronised are marked, then corrected from the monotonic clock.</summary>
public sealed class OutboxClockTests : IDisposable
{
    // A board without a real-time clock starts in 1970 until NTP sets the clock.
    private static readonly DateTimeOffset BootWall = new(1970, 1, 1, 0, 1, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SyncedWall = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private readonly OutboxTestContext _context = new();
    private readonly SteppedClock _clock = new(BootWall, TimeSpan.FromSeconds(60));
    private readonly FakeSynchronisation _synchronisation = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task Unsynchronised_MarkedThenCorrected()
    {
        var store = Open("boot-1");
        var first = await AppendAsync(store);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var second = await AppendAsync(store);

        Assert.All(store.PeekOldest(OutboxLane.Telemetry, 10), record => Assert.Equal(OutboxClockState.Unsynchronised, record.Clock));

        // NTP steps the wall clock 57 years forward; the monotonic clock only moves on by 10 s.
        _clock.Step(SyncedWall, TimeSpan.FromSeconds(10));
        _synchronisation.Synchronised = true;
        var third = await AppendAsync(store);

        var records = store.PeekOldest(OutboxLane.Telemetry, 10).ToDictionary(record => record.Sequence);
        Assert.Equal(OutboxClockState.Corrected, records[first].Clock);
        Assert.Equal(SyncedWall - TimeSpan.FromSeconds(40), records[first].CreatedAt);
        Assert.Equal(BootWall, records[first].RecordedAt);
        Assert.Equal(SyncedWall - TimeSpan.FromSeconds(10), records[second].CreatedAt);
        Assert.Equal(OutboxClockState.Synchronised, records[third].Clock);
        Assert.Equal(SyncedWall, records[third].CreatedAt);
        Assert.Null(records[third].RecordedAt);
    }

    [Fact]
    public async Task Correction_SurvivesReopen()
    {
        long first;
        using (var store = Open("boot-1"))
        {
            first = await AppendAsync(store);
            _clock.Step(SyncedWall, TimeSpan.FromSeconds(5));
            _synchronisation.Synchronised = true;
            await AppendAsync(store);
        }

        using var reopened = new OutboxStore(Options("boot-1"), _clock, _context.Logger);
        var record = reopened.PeekOldest(OutboxLane.Telemetry, 10).Single(record => record.Sequence == first);

        Assert.Equal(OutboxClockState.Corrected, record.Clock);
        Assert.Equal(SyncedWall - TimeSpan.FromSeconds(5), record.CreatedAt);
    }

    [Fact]
    public async Task OtherBoot_StaysUnsynchronised()
    {
        long first;
        using (var store = Open("boot-1"))
        {
            first = await AppendAsync(store);
        }

        // Power cut before any synchronisation: the next boot's monotonic clock cannot place the last boot's records.
        _clock.Step(SyncedWall, TimeSpan.FromSeconds(-50));
        _synchronisation.Synchronised = true;
        using var reopened = new OutboxStore(Options("boot-2"), _clock, _context.Logger);
        await AppendAsync(reopened);

        var record = reopened.PeekOldest(OutboxLane.Telemetry, 10).Single(record => record.Sequence == first);
        Assert.Equal(OutboxClockState.Unsynchronised, record.Clock);
        Assert.Equal(BootWall, record.CreatedAt);
    }

    [Fact]
    public async Task NoSynchronisationSource_AllSynchronised()
    {
        var store = _context.Open(timeProvider: _clock);

        await AppendAsync(store);

        Assert.Equal(OutboxClockState.Synchronised, Assert.Single(store.PeekOldest(OutboxLane.Telemetry, 10)).Clock);
    }

    private OutboxOptions Options(string bootId) => _context.Options(options =>
    {
        options.ClockSynchronisation = _synchronisation;
        options.BootId = bootId;
        options.CompactionInterval = TimeSpan.Zero;
    });

    private OutboxStore Open(string bootId) => _context.Open(options =>
    {
        options.ClockSynchronisation = _synchronisation;
        options.BootId = bootId;
        options.CompactionInterval = TimeSpan.Zero;
    }, _clock);

    // The store reads the synchronisation state at most once a second, and every step between appends here is longer.
    private static async Task<long> AppendAsync(OutboxStore store) =>
        await store.AppendAsync(OutboxLane.Telemetry, "sample", Json(1), CancellationToken.None);

    private sealed class FakeSynchronisation : IClockSynchronisation
    {
        public bool Synchronised { get; set; }

        public bool IsSynchronised => Synchronised;
    }

    /// <summary>A clock whose wall time can jump while its monotonic time runs on, as when NTP steps the clock.</summary>
    private sealed class SteppedClock(DateTimeOffset wall, TimeSpan monotonic) : TimeProvider
    {
        private DateTimeOffset _wall = wall;
        private TimeSpan _monotonic = monotonic;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow() => _wall;

        public override long GetTimestamp() => _monotonic.Ticks;

        public void Advance(TimeSpan by)
        {
            _wall += by;
            _monotonic += by;
        }

        public void Step(DateTimeOffset wall, TimeSpan monotonicBy)
        {
            _wall = wall;
            _monotonic += monotonicBy;
        }
    }
}
