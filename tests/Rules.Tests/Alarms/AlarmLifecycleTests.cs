using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Alarms;

public class AlarmLifecycleTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Acknowledge_RecordsAndEmits()
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);
        engine.Evaluate(Smoke(true));
        clock.Advance(TimeSpan.FromSeconds(30));

        var result = engine.Acknowledge("fire-alarm", RequestOrigin.Console, "duty-teacher");

        Assert.True(result.Accepted);
        Assert.Null(result.Reason);
        var changed = Assert.IsType<AlarmChanged>(Assert.Single(result.Outputs));
        Assert.Equal(AlarmChange.Acknowledged, changed.Change);
        Assert.Equal(clock.GetUtcNow(), changed.Alarm.AcknowledgedAt);
        Assert.Equal("duty-teacher", changed.Alarm.AcknowledgedBy);
        Assert.Equal(AlarmState.Acknowledged, Assert.Single(engine.ActiveAlarms).State);
    }

    [Fact]
    public void Acknowledge_NoAlarmRejected()
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);

        var result = engine.Acknowledge("fire-alarm", RequestOrigin.OnSite);

        Assert.False(result.Accepted);
        Assert.Equal("AcknowledgeNoAlarm", result.Reason?.Key);
        Assert.Empty(result.Outputs);
    }

    [Fact]
    public void Acknowledge_UnknownRuleRejected()
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);

        var result = engine.Acknowledge("no-such-rule", RequestOrigin.OnSite);

        Assert.False(result.Accepted);
        Assert.Equal("RuleUnknown", result.Reason?.Key);
    }

    [Fact]
    public void Unlatched_ClearsWithoutAcknowledge()
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);
        engine.Evaluate(Smoke(true));

        var outputs = engine.Evaluate(Smoke(false));

        Assert.IsType<AlarmCleared>(outputs[0]);
        Assert.Empty(engine.ActiveAlarms);
    }

    [Fact]
    public void Latched_StaysActiveAfterCondition()
    {
        var engine = new RuleEngine([TestRules.FireAlarm() with { Latched = true }], clock);
        engine.Evaluate(Smoke(true));
        clock.Advance(TimeSpan.FromMinutes(3));

        var outputs = engine.Evaluate(Smoke(false));

        var changed = Assert.IsType<AlarmChanged>(Assert.Single(outputs));
        Assert.Equal(AlarmChange.ConditionCleared, changed.Change);
        var alarm = Assert.Single(engine.ActiveAlarms);
        Assert.Equal(AlarmState.AwaitingReset, alarm.State);
        Assert.True(alarm.IsActive);
        Assert.Single(engine.HeldOutputs);
    }

    [Fact]
    public void Latched_RemoteAcknowledgeKeepsIt()
    {
        var engine = new RuleEngine([TestRules.FireAlarm() with { Latched = true }], clock);
        engine.Evaluate(Smoke(true));
        engine.Evaluate(Smoke(false));

        var result = engine.Acknowledge("fire-alarm", RequestOrigin.District, "district-duty");

        Assert.True(result.Accepted);
        Assert.Equal("AcknowledgeLatchedNeedsOnSite", result.Reason?.Key);
        Assert.DoesNotContain(result.Outputs, output => output is AlarmCleared);
        Assert.Single(engine.ActiveAlarms);
    }

    [Fact]
    public void Latched_OnSiteResetClears()
    {
        var engine = new RuleEngine([TestRules.FireAlarm() with { Latched = true }], clock);
        engine.Evaluate(Smoke(true));
        engine.Evaluate(Smoke(false));
        clock.Advance(TimeSpan.FromMinutes(1));

        var result = engine.Acknowledge("fire-alarm", RequestOrigin.OnSite, "caretaker");

        Assert.True(result.Accepted);
        Assert.IsType<AlarmChanged>(result.Outputs[0]);
        var cleared = Assert.IsType<AlarmCleared>(result.Outputs[1]).Alarm;
        Assert.Equal("InputCleared", cleared.ClearMessage?.Key);
        Assert.True(cleared.AcknowledgedOnSite);
        Assert.Contains(new SetOutputCommand(TestRules.Siren, false, null, "fire-alarm"), result.Outputs);
        Assert.Contains(result.Outputs, output => output is ClearEmergencyNoticeCommand);
        Assert.Empty(engine.ActiveAlarms);
        Assert.Empty(engine.HeldOutputs);
    }

    [Fact]
    public void Latched_OnSiteAcknowledgeBeforeClearKeepsLatch()
    {
        var engine = new RuleEngine([TestRules.FireAlarm() with { Latched = true }], clock);
        engine.Evaluate(Smoke(true));
        engine.Acknowledge("fire-alarm", RequestOrigin.OnSite);

        var outputs = engine.Evaluate(Smoke(false));

        Assert.Equal(AlarmChange.ConditionCleared, Assert.IsType<AlarmChanged>(Assert.Single(outputs)).Change);
        Assert.Single(engine.ActiveAlarms);
    }

    [Fact]
    public void Latched_ConditionReturnsWithoutNewAlarm()
    {
        var engine = new RuleEngine([TestRules.FireAlarm() with { Latched = true }], clock);
        var alarmId = ((AlarmRaised)engine.Evaluate(Smoke(true))[0]).Alarm.AlarmId;
        engine.Evaluate(Smoke(false));

        var outputs = engine.Evaluate(Smoke(true));

        var changed = Assert.IsType<AlarmChanged>(Assert.Single(outputs));
        Assert.Equal(AlarmChange.ConditionReturned, changed.Change);
        Assert.Equal(alarmId, changed.Alarm.AlarmId);
        Assert.Equal(AlarmState.Raised, changed.Alarm.State);
    }

    [Fact]
    public void Shelve_SuppressesActionsUntilExpiry()
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);
        var shelve = engine.Shelve("fire-alarm", TimeSpan.FromMinutes(10), "technician");
        Assert.True(shelve.Accepted);
        var shelved = Assert.IsType<RuleShelved>(Assert.Single(shelve.Outputs));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(10), shelved.Until);

        var raise = engine.Evaluate(Smoke(true));
        var alarm = Assert.IsType<AlarmRaised>(Assert.Single(raise)).Alarm;
        Assert.NotNull(alarm.ShelvedUntil);
        Assert.Equal(TimeSpan.FromMinutes(10), engine.NextDueIn);

        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Empty(engine.Tick());
        clock.Advance(TimeSpan.FromSeconds(1));
        var expiry = engine.Tick();

        Assert.Equal(AlarmChange.Unshelved, Assert.IsType<AlarmChanged>(expiry[0]).Change);
        Assert.Contains(new SetOutputCommand(TestRules.Siren, true, null, "fire-alarm"), expiry);
        Assert.Contains(expiry, output => output is SendNoticeCommand);
    }

    [Fact]
    public void Shelve_ClearWhileShelvedRevertsNothing()
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);
        engine.Shelve("fire-alarm", TimeSpan.FromMinutes(10));
        engine.Evaluate(Smoke(true));

        var outputs = engine.Evaluate(Smoke(false));

        Assert.IsType<AlarmCleared>(Assert.Single(outputs));
        clock.Advance(TimeSpan.FromMinutes(10));
        var expiry = Assert.IsType<RuleShelved>(Assert.Single(engine.Tick()));
        Assert.Null(expiry.Until);
    }

    [Fact]
    public void Shelve_ExpiryIgnoresWallClockStep()
    {
        var steppable = new SteppableTimeProvider(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));
        var engine = new RuleEngine([TestRules.FireAlarm()], steppable);
        engine.Shelve("fire-alarm", TimeSpan.FromMinutes(10));

        steppable.StepWallClock(TimeSpan.FromDays(90));

        Assert.Empty(engine.Tick());
        steppable.Advance(TimeSpan.FromMinutes(10));
        Assert.IsType<RuleShelved>(Assert.Single(engine.Tick()));
    }

    [Fact]
    public void Shelve_LifeSafetyRejected()
    {
        var engine = new RuleEngine([TestRules.FireLifeSafety()], clock);

        var result = engine.Shelve("fire-evacuation", TimeSpan.FromHours(1));

        Assert.False(result.Accepted);
        Assert.Equal("ShelveLifeSafety", result.Reason?.Key);
        Assert.Contains(new SetOutputCommand(TestRules.Siren, true, null, "fire-evacuation"), engine.Evaluate(Smoke(true)));
    }

    [Fact]
    public void Unshelve_EndsEarly()
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);
        engine.Shelve("fire-alarm", TimeSpan.FromMinutes(10));
        engine.Evaluate(Smoke(true));

        var result = engine.Unshelve("fire-alarm");

        Assert.True(result.Accepted);
        Assert.Contains(new SetOutputCommand(TestRules.Siren, true, null, "fire-alarm"), result.Outputs);
        Assert.False(engine.Unshelve("fire-alarm").Accepted);
    }

    private Contracts.Sample Smoke(bool active) => TestSamples.Boolean(clock, TestRules.Smoke, active);
}
