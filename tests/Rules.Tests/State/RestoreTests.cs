using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.State;

public class RestoreTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Restore_MidDurationResumesRemaining()
    {
        var before = new RuleEngine([TestRules.Co2High()], clock);
        before.Evaluate(Co2(1600));
        clock.Advance(TimeSpan.FromSeconds(90));
        var store = new InMemoryRuleStateStore();
        await store.SaveAsync(before.TakeSnapshot(), CancellationToken.None);

        // A new boot: the monotonic clock starts again from another origin, and the gateway was down for 10 minutes.
        var rebooted = new FakeTimeProvider(clock.GetUtcNow() + TimeSpan.FromMinutes(10));
        var after = new RuleEngine([TestRules.Co2High()], rebooted);
        var snapshot = await store.LoadAsync(CancellationToken.None);
        Assert.Empty(after.Restore(snapshot!));

        Assert.Equal(TimeSpan.FromSeconds(30), after.NextDueIn);
        rebooted.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(after.Tick());
        rebooted.Advance(TimeSpan.FromSeconds(1));
        var raised = Assert.IsType<AlarmRaised>(after.Tick()[0]).Alarm;
        Assert.Equal(PointValue.FromNumber(1600), raised.ValueAtRaise);
    }

    [Fact]
    public void Restore_ActiveAlarmNotRaisedAgain()
    {
        var before = new RuleEngine([TestRules.FireAlarm()], clock);
        var alarmId = ((AlarmRaised)before.Evaluate(Smoke(clock, true))[0]).Alarm.AlarmId;
        var bytes = RuleSnapshotJson.Serialize(before.TakeSnapshot());

        var rebooted = new FakeTimeProvider(clock.GetUtcNow() + TimeSpan.FromMinutes(2));
        var after = new RuleEngine([TestRules.FireAlarm()], rebooted);
        var restored = after.Restore(RuleSnapshotJson.Deserialize(bytes));

        Assert.DoesNotContain(restored, output => output is AlarmRaised);
        Assert.Contains(new SetOutputCommand(TestRules.Siren, true, null, "fire-alarm"), restored);
        Assert.Contains(restored, output => output is SendNoticeCommand { Emergency: true });
        Assert.Equal(alarmId, Assert.Single(after.ActiveAlarms).AlarmId);
        Assert.Empty(after.Evaluate(Smoke(rebooted, true)));
        var cleared = after.Evaluate(Smoke(rebooted, false));
        Assert.Equal(alarmId, Assert.IsType<AlarmCleared>(cleared[0]).Alarm.AlarmId);
        Assert.Contains(new SetOutputCommand(TestRules.Siren, false, null, "fire-alarm"), cleared);
    }

    [Fact]
    public void Restore_LatchedAlarmWaitsForReset()
    {
        var before = new RuleEngine([TestRules.FireLifeSafety()], clock);
        before.Evaluate(Smoke(clock, true));
        before.Evaluate(Smoke(clock, false));
        var bytes = RuleSnapshotJson.Serialize(before.TakeSnapshot());

        var rebooted = new FakeTimeProvider(clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var after = new RuleEngine([TestRules.FireLifeSafety()], rebooted);
        after.Restore(RuleSnapshotJson.Deserialize(bytes));

        Assert.Empty(after.Evaluate(Smoke(rebooted, false)));
        Assert.Equal(AlarmState.AwaitingReset, Assert.Single(after.ActiveAlarms).State);
        Assert.False(after.CheckCommand(TestRules.Gate, PointValue.FromBoolean(true), RequestOrigin.District).Allowed);
        var reset = after.Acknowledge("fire-evacuation", RequestOrigin.OnSite);
        Assert.Contains(reset.Outputs, output => output is AlarmCleared);
        Assert.Empty(after.HeldOutputs);
    }

    [Fact]
    public void Restore_ShelvingKeepsRemaining()
    {
        var before = new RuleEngine([TestRules.FireAlarm()], clock);
        before.Shelve("fire-alarm", TimeSpan.FromMinutes(10), "technician");
        clock.Advance(TimeSpan.FromMinutes(4));
        var bytes = RuleSnapshotJson.Serialize(before.TakeSnapshot());

        var rebooted = new FakeTimeProvider(clock.GetUtcNow());
        var after = new RuleEngine([TestRules.FireAlarm()], rebooted);
        after.Restore(RuleSnapshotJson.Deserialize(bytes));

        Assert.Equal(TimeSpan.FromMinutes(6), after.NextDueIn);
        Assert.IsType<AlarmRaised>(Assert.Single(after.Evaluate(Smoke(rebooted, true))));
    }

    [Fact]
    public void Restore_RemovedRuleClearsAlarm()
    {
        var before = new RuleEngine([TestRules.FireAlarm()], clock);
        var alarmId = ((AlarmRaised)before.Evaluate(Smoke(clock, true))[0]).Alarm.AlarmId;
        var bytes = RuleSnapshotJson.Serialize(before.TakeSnapshot());

        var after = new RuleEngine([TestRules.Co2High()], new FakeTimeProvider(clock.GetUtcNow()));
        var restored = after.Restore(RuleSnapshotJson.Deserialize(bytes));

        var cleared = Assert.IsType<AlarmCleared>(Assert.Single(restored)).Alarm;
        Assert.Equal(alarmId, cleared.AlarmId);
        Assert.Equal("AlarmRuleRemoved", cleared.ClearMessage?.Key);
    }

    [Fact]
    public void Restore_AfterSampleThrows()
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);
        var snapshot = engine.TakeSnapshot();
        engine.Evaluate(Smoke(clock, false));

        Assert.Throws<InvalidOperationException>(() => engine.Restore(snapshot));
    }

    [Fact]
    public void Json_RoundTripsAlarm()
    {
        var engine = new RuleEngine([TestRules.Co2High(), TestRules.FireLifeSafety()], clock);
        engine.Evaluate(Co2(1600));
        clock.Advance(TimeSpan.FromMinutes(2));
        engine.Tick();
        engine.Evaluate(Smoke(clock, true));
        engine.Acknowledge("fire-evacuation", RequestOrigin.Console, "teacher");
        var snapshot = engine.TakeSnapshot();

        var copy = RuleSnapshotJson.Deserialize(RuleSnapshotJson.Serialize(snapshot));

        Assert.Equal(snapshot.TakenAt, copy.TakenAt);
        Assert.Equal(snapshot.TakenMonotonic, copy.TakenMonotonic);
        Assert.Equal(2, copy.Instances.Count);
        for (var index = 0; index < 2; index++)
        {
            var original = snapshot.Instances[index];
            var read = copy.Instances[index];
            Assert.Equal(original.RuleId, read.RuleId);
            Assert.Equal(original.Alarm!.AlarmId, read.Alarm!.AlarmId);
            Assert.Equal(original.Alarm.Message.Format(), read.Alarm.Message.Format());
            Assert.Equal(original.Alarm.AcknowledgedBy, read.Alarm.AcknowledgedBy);
            Assert.Equal(original.Alarm.ValueAtRaise, read.Alarm.ValueAtRaise);
            Assert.Equal(original.Alarm.RaisedMonotonic, read.Alarm.RaisedMonotonic);
            Assert.Equal(original.CommandsIssued, read.CommandsIssued);
            Assert.Equal(original.ConditionActive, read.ConditionActive);
        }
    }

    [Fact]
    public void Json_RejectsOtherVersion()
    {
        var bytes = "{\"version\":99,\"takenAt\":\"2025-09-01T08:00:00+00:00\",\"takenMonotonic\":0,\"instances\":[]}"u8.ToArray();

        var error = Assert.Throws<FormatException>(() => RuleSnapshotJson.Deserialize(bytes));
        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_RejectsGarbage()
    {
        Assert.Throws<FormatException>(() => RuleSnapshotJson.Deserialize("not json"u8));
    }

    private static Sample Smoke(TimeProvider time, bool active) => TestSamples.Boolean(time, TestRules.Smoke, active);

    private Sample Co2(double ppm) => TestSamples.Number(clock, TestRules.Co2, ppm);
}
