using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;
using SmartCampus.Edge.Rules.Tests.Support;
using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Rules.Tests.Engine;

public class RaiseAlarmTests
{
    private const string Building = "building-a-air";

    private static readonly PointId Room201 = PointId.Parse("room-201.co2");

    private static readonly PointId Room202 = PointId.Parse("room-202.co2");

    private static readonly PointId ResetButton = PointId.Parse("panel-a.reset");

    private static readonly LocalizedText BuildingText = new(new Dictionary<string, string>
    {
        ["zh-CN"] = "A 栋空气质量报警",
        ["en"] = "Building A air quality alarm",
    });

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    private static RaiseAlarmAction BuildingAlarm(bool latched = false) =>
        new(Building, AlarmSeverity.Major, BuildingText) { Latched = latched };

    // One CO2 rule on a pattern, expanded per room as the configuration does: co2-high@room-201, co2-high@room-202.
    private static RuleDefinition[] Rooms(bool latched = false)
    {
        var template = ThresholdRuleDefinition.Above(
            "co2-high", Room201, above: 1500, clearBelow: 1200, TimeSpan.Zero, AlarmSeverity.Warning, [BuildingAlarm(latched)], unit: "ppm");
        return [template.ForPoint(Room201), template.ForPoint(Room202)];
    }

    private static InputRuleDefinition Button() =>
        new("reset-button", ResetButton, true, AlarmSeverity.Warning, [new ResetAlarmAction(Building)]);

    private IReadOnlyList<RuleOutput> Co2(RuleEngine engine, PointId room, double ppm) =>
        engine.Evaluate(TestSamples.Number(clock, room, ppm));

    private static IEnumerable<TOutput> OfBuilding<TOutput>(IEnumerable<RuleOutput> outputs)
        where TOutput : RuleOutput =>
        outputs.OfType<TOutput>().Where(output => output.RuleId == Building);

    [Fact]
    public void TwoInstances_RaiseOneAlarm()
    {
        var engine = new RuleEngine(Rooms(), clock);

        var first = Co2(engine, Room201, 1600);
        var second = Co2(engine, Room202, 1700);

        var raised = Assert.Single(OfBuilding<AlarmRaised>(first)).Alarm;
        Assert.Equal(AlarmSeverity.Major, raised.Severity);
        Assert.Equal(["co2-high@room-201"], raised.RaisedBy);
        Assert.Empty(OfBuilding<AlarmRaised>(second));
        var changed = Assert.Single(OfBuilding<AlarmChanged>(second));
        Assert.Equal(AlarmChange.RaisedByChanged, changed.Change);
        Assert.Equal(raised.AlarmId, changed.Alarm.AlarmId);
        Assert.Equal(["co2-high@room-201", "co2-high@room-202"], changed.Alarm.RaisedBy);
        Assert.Single(engine.ActiveAlarms, alarm => alarm.RuleId == Building);
        Assert.Equal(3, engine.ActiveAlarms.Count);
    }

    [Fact]
    public void Text_InBothLanguages()
    {
        var engine = new RuleEngine(Rooms(), clock);

        var raised = Assert.Single(OfBuilding<AlarmRaised>(Co2(engine, Room201, 1600))).Alarm;

        Assert.Equal("告警：A 栋空气质量报警", raised.Message.Format(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("Alarm: Building A air quality alarm", raised.Message.Format(CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void OneInstanceClears_AlarmStays()
    {
        var engine = new RuleEngine(Rooms(), clock);
        Co2(engine, Room201, 1600);
        Co2(engine, Room202, 1700);

        var outputs = Co2(engine, Room201, 1000);

        Assert.Empty(OfBuilding<AlarmCleared>(outputs));
        var changed = Assert.Single(OfBuilding<AlarmChanged>(outputs));
        Assert.Equal(["co2-high@room-202"], changed.Alarm.RaisedBy);
        Assert.Contains(engine.ActiveAlarms, alarm => alarm.RuleId == Building);
    }

    [Fact]
    public void AllInstancesClear_AlarmClears()
    {
        var engine = new RuleEngine(Rooms(), clock);
        var raised = Assert.Single(OfBuilding<AlarmRaised>(Co2(engine, Room201, 1600))).Alarm;
        Co2(engine, Room202, 1700);
        Co2(engine, Room201, 1000);
        clock.Advance(TimeSpan.FromMinutes(5));

        var outputs = Co2(engine, Room202, 1100);

        var cleared = Assert.Single(OfBuilding<AlarmCleared>(outputs)).Alarm;
        Assert.Equal(raised.AlarmId, cleared.AlarmId);
        Assert.Equal(TimeSpan.FromMinutes(5), cleared.ActiveDuration);
        Assert.Empty(cleared.RaisedBy!);
        Assert.Empty(engine.ActiveAlarms);
    }

    [Fact]
    public void RaisedAgain_NewAlarm()
    {
        var engine = new RuleEngine(Rooms(), clock);
        var first = Assert.Single(OfBuilding<AlarmRaised>(Co2(engine, Room201, 1600))).Alarm;
        Co2(engine, Room201, 1000);

        var second = Assert.Single(OfBuilding<AlarmRaised>(Co2(engine, Room202, 1600))).Alarm;

        Assert.NotEqual(first.AlarmId, second.AlarmId);
    }

    [Fact]
    public void Latched_NeedsOnSiteReset()
    {
        var engine = new RuleEngine(Rooms(latched: true), clock);
        Co2(engine, Room201, 1600);

        var conditionCleared = Co2(engine, Room201, 1000);
        var remote = engine.Acknowledge(Building, RequestOrigin.District, "district-duty");

        var waiting = Assert.Single(OfBuilding<AlarmChanged>(conditionCleared));
        Assert.Equal(AlarmChange.ConditionCleared, waiting.Change);
        Assert.Empty(OfBuilding<AlarmCleared>(conditionCleared));
        Assert.NotNull(remote.Reason);
        Assert.Empty(OfBuilding<AlarmCleared>(remote.Outputs));
        Assert.Contains(engine.ActiveAlarms, alarm => alarm.RuleId == Building);

        var onSite = engine.Acknowledge(Building, RequestOrigin.OnSite, "caretaker");

        Assert.Single(OfBuilding<AlarmCleared>(onSite.Outputs));
        Assert.DoesNotContain(engine.ActiveAlarms, alarm => alarm.RuleId == Building);
    }

    [Fact]
    public void Latched_RaisedAgainWhileWaiting()
    {
        var engine = new RuleEngine(Rooms(latched: true), clock);
        var raised = Assert.Single(OfBuilding<AlarmRaised>(Co2(engine, Room201, 1600))).Alarm;
        Co2(engine, Room201, 1000);

        var outputs = Co2(engine, Room202, 1600);

        Assert.Empty(OfBuilding<AlarmRaised>(outputs));
        var returned = Assert.Single(OfBuilding<AlarmChanged>(outputs));
        Assert.Equal(AlarmChange.ConditionReturned, returned.Change);
        Assert.Equal(raised.AlarmId, returned.Alarm.AlarmId);
        Assert.Empty(OfBuilding<AlarmCleared>(engine.Acknowledge(Building, RequestOrigin.OnSite).Outputs));
    }

    [Fact]
    public void ClearAlarm_ResetsLatchedNamedAlarm()
    {
        var engine = new RuleEngine([.. Rooms(latched: true), Button()], clock);
        Co2(engine, Room201, 1600);
        Co2(engine, Room201, 1000);

        var outputs = engine.Evaluate(TestSamples.Boolean(clock, ResetButton, true));

        var cleared = Assert.Single(OfBuilding<AlarmCleared>(outputs)).Alarm;
        Assert.Equal("rule:reset-button", cleared.AcknowledgedBy);
        Assert.DoesNotContain(engine.ActiveAlarms, alarm => alarm.RuleId == Building);
    }

    [Fact]
    public void Restart_RestoresWithoutRaise()
    {
        var before = new RuleEngine(Rooms(), clock);
        var raised = Assert.Single(OfBuilding<AlarmRaised>(Co2(before, Room201, 1600))).Alarm;
        Co2(before, Room202, 1700);
        var bytes = RuleSnapshotJson.Serialize(before.TakeSnapshot());

        var rebooted = new FakeTimeProvider(clock.GetUtcNow() + TimeSpan.FromMinutes(3));
        var after = new RuleEngine(Rooms(), rebooted);
        var restored = after.Restore(RuleSnapshotJson.Deserialize(bytes));

        Assert.DoesNotContain(restored, output => output is AlarmRaised or AlarmCleared);
        var active = Assert.Single(after.ActiveAlarms, alarm => alarm.RuleId == Building);
        Assert.Equal(raised.AlarmId, active.AlarmId);
        Assert.Equal(["co2-high@room-201", "co2-high@room-202"], active.RaisedBy);
        Assert.Equal("告警：A 栋空气质量报警", active.Message.Format(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("Alarm: Building A air quality alarm", active.Message.Format(CultureInfo.GetCultureInfo("en")));

        Assert.Empty(OfBuilding<RuleOutput>(after.Evaluate(TestSamples.Number(rebooted, Room201, 1650))));
        Assert.Empty(OfBuilding<AlarmCleared>(after.Evaluate(TestSamples.Number(rebooted, Room201, 1000))));
        var cleared = Assert.Single(OfBuilding<AlarmCleared>(after.Evaluate(TestSamples.Number(rebooted, Room202, 1000)))).Alarm;
        Assert.Equal(raised.AlarmId, cleared.AlarmId);
    }

    [Fact]
    public void Restart_LatchedWaitingStaysLatched()
    {
        var before = new RuleEngine(Rooms(latched: true), clock);
        Co2(before, Room201, 1600);
        Co2(before, Room201, 1000);
        var bytes = RuleSnapshotJson.Serialize(before.TakeSnapshot());

        var rebooted = new FakeTimeProvider(clock.GetUtcNow() + TimeSpan.FromMinutes(3));
        var after = new RuleEngine(Rooms(latched: true), rebooted);
        Assert.Empty(after.Restore(RuleSnapshotJson.Deserialize(bytes)));

        var active = Assert.Single(after.ActiveAlarms);
        Assert.Equal(AlarmState.AwaitingReset, active.State);
        Assert.Single(OfBuilding<AlarmCleared>(after.Acknowledge(Building, RequestOrigin.OnSite).Outputs));
    }

    [Fact]
    public void Restart_RemovedRaisingRuleClears()
    {
        var before = new RuleEngine(Rooms(), clock);
        Co2(before, Room201, 1600);
        var snapshot = before.TakeSnapshot();

        // The new configuration keeps the named alarm on room 202 only; room 201's rule is gone.
        var after = new RuleEngine([Rooms()[1]], clock);
        var restored = after.Restore(snapshot);

        Assert.Single(OfBuilding<AlarmCleared>(restored));
        Assert.Empty(after.ActiveAlarms);
    }

    [Fact]
    public void Shelved_RaisesOnlyAfterShelving()
    {
        var engine = new RuleEngine(Rooms(), clock);
        engine.Shelve("co2-high@room-201", TimeSpan.FromMinutes(10));

        var whileShelved = Co2(engine, Room201, 1600);
        clock.Advance(TimeSpan.FromMinutes(10));
        var afterShelving = engine.Tick();

        Assert.Empty(OfBuilding<AlarmRaised>(whileShelved));
        Assert.Single(OfBuilding<AlarmRaised>(afterShelving));
    }

    [Fact]
    public void NameEqualToRuleId_Rejected()
    {
        var clash = new RaiseAlarmAction("co2-high@room-201", AlarmSeverity.Major, BuildingText);
        var rule = ThresholdRuleDefinition.Above("other", Room202, 1500, 1200, TimeSpan.Zero, AlarmSeverity.Minor, [clash]);

        var error = Assert.Throws<ArgumentException>(() => new RuleEngine([Rooms()[0], rule], clock));

        Assert.Contains("co2-high@room-201", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConflictingDefinitions_Rejected()
    {
        var other = new RaiseAlarmAction(Building, AlarmSeverity.Critical, BuildingText);
        var rule = ThresholdRuleDefinition.Above("other", Room202, 1500, 1200, TimeSpan.Zero, AlarmSeverity.Minor, [other]);

        var error = Assert.Throws<ArgumentException>(() => new RuleEngine([Rooms()[0], rule], clock));

        Assert.Contains(Building, error.Message, StringComparison.Ordinal);
    }
}
