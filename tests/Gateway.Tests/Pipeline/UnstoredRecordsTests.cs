using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.Tests.Pipeline;

/// <summary>The records the pipeline keeps in memory while the outbox is closed, and their telemetry budget.</summary>
public sealed class UnstoredRecordsTests
{
    private readonly UnstoredRecords _unstored = new(new GatewayClock(TimeProvider.System, "boot-1"), NullLogger<UnstoredRecords>.Instance);

    [Fact]
    public void OverBudget_DropsOldestTelemetryOnly()
    {
        const int recordBytes = 16 * 1024;
        var budgetRecords = (int)(UnstoredRecords.MaxTelemetryBytes / recordBytes);
        _unstored.Hold(Record(OutboxLane.Alarms, "alarm.raised", 1));
        for (var i = 0; i < budgetRecords + 10; i++)
        {
            _unstored.Hold(Record(OutboxLane.Telemetry, "samples", i, recordBytes));
        }

        _unstored.Hold(Record(OutboxLane.Events, "event", 2));

        var held = _unstored.TakeAll();
        var telemetry = held.Where(record => record.Lane == OutboxLane.Telemetry).ToList();
        Assert.Equal(OutboxLane.Alarms, held[0].Lane);
        Assert.Equal(OutboxLane.Events, held[1].Lane);
        Assert.Equal(budgetRecords, telemetry.Count);
        Assert.Equal(10, telemetry[0].Payload.Span[0]);
        Assert.Equal(0, _unstored.Count);
    }

    [Fact]
    public void HeldLane_NewRecordWaitsBehind()
    {
        _unstored.Hold(Record(OutboxLane.Alarms, "alarm.raised", 1));
        var buffer = new byte[] { 2 };

        // Null: the record is held, not appended, so no outbox is needed.
        var append = _unstored.AppendOrHold(null!, OutboxLane.Alarms, "alarm.cleared", buffer, null);
        buffer[0] = 9;

        var held = _unstored.TakeAll();
        Assert.Null(append);
        Assert.Equal(["alarm.raised", "alarm.cleared"], held.Select(record => record.Type));
        Assert.Equal(2, held[1].Payload.Span[0]);
    }

    [Fact]
    public void HoldFailed_OtherErrorThrown()
    {
        var failed = Task.FromException<long>(new OutboxAppendFailedException("not stored"));
        var bug = Task.FromException<long>(new InvalidOperationException("bug"));

        var error = Assert.Throws<InvalidOperationException>(() => _unstored.HoldFailed([failed, bug, Task.FromResult(3L)]));

        Assert.Equal("bug", error.Message);
        Assert.Equal(1, _unstored.Count);
    }

    private static UnstoredRecord Record(OutboxLane lane, string type, int marker, int bytes = 1)
    {
        var payload = new byte[bytes];
        payload[0] = (byte)marker;
        return new UnstoredRecord(lane, type, payload, null);
    }
}
