using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

public sealed class AlarmAcknowledgementsTests
{
    [Fact]
    public void SecondCopy_CountsNothing()
    {
        var counted = new AlarmAcknowledgements();

        Assert.Equal(1, counted.CountNew(Alarms(5)));
        Assert.Equal(0, counted.CountNew(Alarms(5)));
    }

    [Fact]
    public void OverlappingBatch_CountsOnlyNewRecords()
    {
        // The alarm connection sends each alarm as a batch of its own, and the main connection may send several together.
        var counted = new AlarmAcknowledgements();

        Assert.Equal(1, counted.CountNew(Alarms(5)));
        Assert.Equal(2, counted.CountNew(Alarms(5, 6, 7)));
        Assert.Equal(0, counted.CountNew(Alarms(6)));
        Assert.Equal(0, counted.CountNew(Alarms(7)));
        Assert.Equal(1, counted.CountNew(Alarms(8)));
    }

    private static List<OutboxRecord> Alarms(params long[] sequences) =>
        [.. sequences.Select(sequence => new OutboxRecord(sequence, OutboxLane.Alarms, "alarm.raised", [(byte)'1'], DateTimeOffset.UnixEpoch))];
}
