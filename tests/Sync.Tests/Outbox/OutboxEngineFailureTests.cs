using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Tests.Support;
using static SmartCampus.Edge.Sync.Tests.Outbox.OutboxTestContext;

namespace SmartCampus.Edge.Sync.Tests.Outbox;

/// <summary>
/// A LiteDB database that fails while open, broken through the file streams the outbox opens (a write or read that
/// throws <see cref="IOException"/>, an open that is denied), on real files: the store closes it, opens it again as at
/// start and carries on.
/// </summary>
public sealed class OutboxEngineFailureTests : IDisposable
{
    private const string DataFile = "outbox.db";
    private const string LogFile = "outbox-log.db";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly OutboxTestContext _context = new();
    private readonly FailingDisk _disk = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task WriteError_StoreReopensAndKeepsRecords()
    {
        var store = _context.Open(options => options.OpenFile = _disk.Open);
        var acknowledged = await AppendAlarms(store, 1, 5);

        _disk.FailNextWrites(LogFile);
        var failed = store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(6), CancellationToken.None).AsTask();
        var error = await Assert.ThrowsAsync<OutboxAppendFailedException>(() => failed.WaitAsync(Patience));

        // The writer reopens the database before it takes the next command.
        var after = await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(7), CancellationToken.None).AsTask().WaitAsync(Patience);

        Assert.Equal(1, _disk.Failures);
        Assert.Contains("Simulated write error", error.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(error.InnerException);
        Assert.Equal(OutboxLane.Alarms, error.Lane);
        Assert.Equal("alarm.raised", error.Type);
        Assert.Equal(Json(6), error.Payload.ToArray());
        Assert.Null(error.Samples);
        Assert.Equal(new OutboxHealth(OutboxState.Open, null, null, 0, 1, 0), store.Health);
        Assert.True(after > acknowledged[^1], $"sequence {after} after the reopen is not above {acknowledged[^1]}");
        Assert.Equal([.. acknowledged, after], store.PeekOldest(OutboxLane.Alarms, 100).Select(record => record.Sequence));
        Assert.Equal(["1", "2", "3", "4", "5", "7"], store.PeekOldest(OutboxLane.Alarms, 100).Select(Value));
        Assert.Equal(6, store.Count(OutboxLane.Alarms));
        Assert.True(_context.Logger.Has(4095));
        Assert.True(_context.Logger.Has(4096));
    }

    [Fact]
    public void TransactionFields_Found()
    {
        Assert.True(LiteDbTransactions.FieldsFound, "LiteEngine._monitor._transactions not found; check LiteDbTransactions against this LiteDB version.");
    }

    [Fact]
    public async Task WriteError_RecordsSurviveRestart()
    {
        var store = _context.Open(options => options.OpenFile = _disk.Open);
        var acknowledged = await AppendAlarms(store, 1, 5);
        _disk.FailNextWrites(LogFile);
        await Assert.ThrowsAsync<OutboxAppendFailedException>(() => store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(6), CancellationToken.None).AsTask().WaitAsync(Patience));
        var after = await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(7), CancellationToken.None).AsTask().WaitAsync(Patience);
        store.Dispose();

        // With the writer thread gone nothing refers to the failed transaction of the dropped engine any more. Its
        // finalizer must not run: it throws on the finalizer thread and so ends the test process. The first rounds
        // finalize the thread's ThreadLocal storage, through which LiteDB still refers to the transaction.
        for (var round = 0; round < 3; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        var reopened = _context.Open();

        Assert.Null(reopened.Recovery);
        Assert.Equal([.. acknowledged, after], reopened.PeekOldest(OutboxLane.Alarms, 100).Select(record => record.Sequence));
        Assert.Equal(["1", "2", "3", "4", "5", "7"], reopened.PeekOldest(OutboxLane.Alarms, 100).Select(Value));
    }

    [Fact]
    public async Task ReadError_ReaderSeesStoreAgain()
    {
        // Enough records that a read in the middle needs pages LiteDB has not cached since open.
        var first = _context.Open();
        for (var i = 1; i <= 300; i++)
        {
            await first.AppendAsync(OutboxLane.Telemetry, "sample", Json($$"""{"value":{{i}},"pad":"{{new string('x', 1000)}}"}"""), CancellationToken.None);
        }

        first.Dispose();
        var store = _context.Open(options => options.OpenFile = _disk.Open);

        _disk.FailNextReads(DataFile);
        var error = Record.Exception(() => store.PeekAfter(OutboxLane.Telemetry, 200, 10));

        // The failed read queued a reopen, which the writer runs before this append.
        var appended = await store.AppendAsync(OutboxLane.Telemetry, "sample", Json(301), CancellationToken.None).AsTask().WaitAsync(Patience);
        var records = store.PeekAfter(OutboxLane.Telemetry, 200, 10);

        Assert.Equal(1, _disk.Failures);
        Assert.NotNull(error);
        Assert.Equal(Enumerable.Range(201, 10).Select(value => (long)value), records.Select(record => record.Sequence));
        Assert.Equal(301, appended);
        Assert.Equal(301, store.Count(OutboxLane.Telemetry));
        Assert.Equal(1, store.Health.Reopens);
    }

    [Fact]
    public async Task ReopenDenied_RetriedAfterBackoff()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));
        var store = _context.Open(options => options.OpenFile = _disk.Open, time);
        var acknowledged = await AppendAlarms(store, 1, 3);

        _disk.FailNextWrites(LogFile);
        _disk.FailNextOpens(1);
        await Assert.ThrowsAsync<OutboxAppendFailedException>(() => store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(4), CancellationToken.None).AsTask().WaitAsync(Patience));

        // The first reopen, denied, runs before the writer takes this append.
        var appendWhileClosed = await Record.ExceptionAsync(() => store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(5), CancellationToken.None).AsTask().WaitAsync(Patience));
        var readWhileClosed = Record.Exception(() => store.PeekOldest(OutboxLane.Alarms, 10));
        var whileClosed = store.Health;
        var openGaugeWhileClosed = ObserveOpenGauge();

        time.Advance(TimeSpan.FromSeconds(1));
        await WaitFor(() => store.Health.State == OutboxState.Open);
        var after = await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(6), CancellationToken.None).AsTask().WaitAsync(Patience);

        // Other tests' stores report 1 at the same time; only a store being reopened reports 0.
        Assert.Contains(0, openGaugeWhileClosed);
        Assert.IsType<OutboxAppendFailedException>(appendWhileClosed);
        Assert.IsType<OutboxUnavailableException>(appendWhileClosed.InnerException);
        Assert.Equal(Json(5), ((OutboxAppendFailedException)appendWhileClosed).Payload.ToArray());
        Assert.IsType<OutboxUnavailableException>(readWhileClosed);
        Assert.Equal(OutboxState.Reopening, whileClosed.State);
        Assert.Equal(time.Start, whileClosed.UnavailableSince);
        Assert.Equal(1, whileClosed.FailedAttempts);
        Assert.Contains("denied", whileClosed.Error, StringComparison.Ordinal);
        Assert.Contains(_context.DatabasePath, appendWhileClosed.Message, StringComparison.Ordinal);
        Assert.Contains(_context.Logger.Entries, entry => entry.EventId == 4097 && entry.Message.Contains("next attempt in 1000 ms", StringComparison.Ordinal));
        Assert.Null(store.Recovery);
        Assert.Equal(new OutboxHealth(OutboxState.Open, null, null, 0, 1, 1), store.Health);
        Assert.Equal([.. acknowledged, after], store.PeekOldest(OutboxLane.Alarms, 100).Select(record => record.Sequence));
        Assert.Equal(["1", "2", "3", "6"], store.PeekOldest(OutboxLane.Alarms, 100).Select(Value));
    }

    /// <summary>Collects the values of the gauge smartcampus.outbox.open, one for each open store of this process.</summary>
    private static List<int> ObserveOpenGauge()
    {
        var values = new List<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, published) =>
        {
            if (instrument.Meter.Name == OutboxMetrics.MeterName && instrument.Name == "smartcampus.outbox.open")
            {
                published.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => values.Add(value));
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    private static async Task<long[]> AppendAlarms(OutboxStore store, int from, int to)
    {
        var sequences = new List<long>();
        for (var i = from; i <= to; i++)
        {
            sequences.Add(await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json(i), CancellationToken.None));
        }

        return [.. sequences];
    }

    /// <summary>The "value" of a record made by <see cref="OutboxTestContext.Json(int)"/>.</summary>
    private static string Value(OutboxRecord record)
    {
        var text = Encoding.UTF8.GetString(record.Payload);
        var start = text.IndexOf("\"value\":", StringComparison.Ordinal) + "\"value\":".Length;
        return text[start..text.IndexOf('}', start)];
    }

    /// <summary>Waits for the writer thread to reach a state; the reopen runs there after the failed command completes.</summary>
    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The outbox did not reach the expected state within 10 s.");
            await Task.Delay(10);
        }
    }
}
