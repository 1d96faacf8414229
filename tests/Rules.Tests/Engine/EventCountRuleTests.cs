using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;

namespace SmartCampus.Edge.Rules.Tests.Engine;

public class EventCountRuleTests
{
    private static readonly EventCountRuleDefinition CardDenied =
        new("card-denied-door3", "door-3", "card-denied", 5, TimeSpan.FromMinutes(2), AlarmSeverity.Minor);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void FifthDenialInWindow_Raises()
    {
        var engine = new RuleEngine([CardDenied], clock);

        for (var i = 0; i < 4; i++)
        {
            Assert.Empty(engine.EvaluateEvent(Event("card-denied")));
            clock.Advance(TimeSpan.FromSeconds(20));
        }

        var alarm = Assert.IsType<AlarmRaised>(Assert.Single(engine.EvaluateEvent(Event("card-denied")))).Alarm;
        Assert.Equal("EventCountRaised", alarm.Message.Key);
        Assert.Contains("5", alarm.Message.Format(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }

    [Fact]
    public void SpreadOut_RaisesNothing()
    {
        var engine = new RuleEngine([CardDenied], clock);

        for (var i = 0; i < 20; i++)
        {
            Assert.Empty(engine.EvaluateEvent(Event("card-denied")));
            clock.Advance(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public void Window_ClearsAfterOldestExpires()
    {
        var engine = new RuleEngine([CardDenied], clock);
        for (var i = 0; i < 5; i++)
        {
            engine.EvaluateEvent(Event("card-denied"));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(TimeSpan.FromSeconds(115), engine.NextDueIn);
        clock.Advance(TimeSpan.FromSeconds(115));

        Assert.IsType<AlarmCleared>(Assert.Single(engine.Tick()));
    }

    [Fact]
    public void OtherEvent_Ignored()
    {
        var engine = new RuleEngine([CardDenied], clock);

        for (var i = 0; i < 10; i++)
        {
            Assert.Empty(engine.EvaluateEvent(Event("card-granted")));
        }
    }

    [Fact]
    public void DoorForced_RaisesAtOnce()
    {
        var forced = new EventCountRuleDefinition("door3-forced", "door-3", "door-forced", 1, TimeSpan.FromMinutes(1), AlarmSeverity.Major) { Latched = true };
        var engine = new RuleEngine([forced], clock);

        Assert.IsType<AlarmRaised>(Assert.Single(engine.EvaluateEvent(Event("door-forced"))));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(AlarmChange.ConditionCleared, Assert.IsType<AlarmChanged>(Assert.Single(engine.Tick())).Change);
    }

    [Fact]
    public void Restore_KeepsEventsInWindow()
    {
        var before = new RuleEngine([CardDenied], clock);
        for (var i = 0; i < 4; i++)
        {
            before.EvaluateEvent(Event("card-denied"));
        }

        var bytes = RuleSnapshotJson.Serialize(before.TakeSnapshot());
        var rebooted = new FakeTimeProvider(clock.GetUtcNow());
        var after = new RuleEngine([CardDenied], rebooted);
        after.Restore(RuleSnapshotJson.Deserialize(bytes));

        Assert.IsType<AlarmRaised>(Assert.Single(after.EvaluateEvent(Event("card-denied", rebooted))));
    }

    [Fact]
    public void Definition_RejectsZeroCount()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventCountRuleDefinition("x", "door-3", "card-denied", 0, TimeSpan.FromMinutes(1), AlarmSeverity.Minor));
    }

    private DeviceEvent Event(string type, TimeProvider? time = null)
    {
        time ??= clock;
        return new DeviceEvent("door-3", type, time.GetUtcNow(), new MonotonicStamp("test-boot", time.GetElapsedTime(0, time.GetTimestamp())));
    }
}
