using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Engine;

public class InputRuleTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Fire_RaisesWithActions()
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);

        Assert.Empty(engine.Evaluate(Smoke(false)));
        var outputs = engine.Evaluate(Smoke(true));

        Assert.Equal(3, outputs.Count);
        var alarm = Assert.IsType<AlarmRaised>(outputs[0]).Alarm;
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Equal(PointValue.FromBoolean(true), alarm.ValueAtRaise);
        Assert.Equal("InputActive", alarm.Message.Key);
        Assert.Equal(new SetOutputCommand(TestRules.Siren, true, null, "fire-alarm"), outputs[1]);
        var notice = Assert.IsType<SendNoticeCommand>(outputs[2]);
        Assert.Equal(NoticeAction.AllBoards, notice.Target);
        Assert.Equal(TestRules.FireNotice, notice.Text);
        Assert.True(notice.Emergency);
        Assert.Equal("fire-alarm", notice.RuleId);
    }

    [Fact]
    public void Fire_RepeatedActiveSampleRaisesNothing()
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);
        engine.Evaluate(Smoke(true));

        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Empty(engine.Evaluate(Smoke(true)));
            Assert.Empty(engine.Tick());
        }

        Assert.Single(engine.ActiveAlarms);
    }

    [Fact]
    public void Fire_ClearRevertsActions()
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);
        var raise = engine.Evaluate(Smoke(true));
        var alarmId = ((AlarmRaised)raise[0]).Alarm.AlarmId;
        var noticeId = ((SendNoticeCommand)raise[2]).NoticeId;

        clock.Advance(TimeSpan.FromSeconds(20));
        var outputs = engine.Evaluate(Smoke(false));

        Assert.Equal(3, outputs.Count);
        var cleared = Assert.IsType<AlarmCleared>(outputs[0]).Alarm;
        Assert.Equal(alarmId, cleared.AlarmId);
        Assert.Equal(clock.GetUtcNow(), cleared.ClearedAt);
        Assert.Equal(PointValue.FromBoolean(false), cleared.ValueAtClear);
        Assert.Equal("InputCleared", cleared.ClearMessage?.Key);
        Assert.Equal(new SetOutputCommand(TestRules.Siren, false, null, "fire-alarm"), outputs[1]);
        Assert.Equal(new ClearEmergencyNoticeCommand(NoticeAction.AllBoards, "fire-alarm", noticeId), outputs[2]);
        Assert.Empty(engine.ActiveAlarms);
    }

    [Fact]
    public void Fire_NewRaiseGetsNewNoticeId()
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);
        var first = engine.Evaluate(Smoke(true)).OfType<SendNoticeCommand>().Single();
        engine.Evaluate(Smoke(false));

        var second = engine.Evaluate(Smoke(true)).OfType<SendNoticeCommand>().Single();

        Assert.NotEqual(first.NoticeId, second.NoticeId);
    }

    [Fact]
    public void BadQuality_NeitherRaisesNorClears()
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);

        Assert.Empty(engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, true, Quality.Bad)));
        Assert.Empty(engine.ActiveAlarms);

        engine.Evaluate(Smoke(true));
        Assert.Empty(engine.Evaluate(TestSamples.Bad(clock, TestRules.Smoke)));
        Assert.Empty(engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, false, Quality.Stale)));
        Assert.Single(engine.ActiveAlarms);
    }

    [Fact]
    public void ActiveLow_RaisesOnFalse()
    {
        var rule = new InputRuleDefinition("door-forced", TestRules.Smoke, activeLevel: false, AlarmSeverity.Major);
        var engine = new RuleEngine([rule], clock);

        Assert.Empty(engine.Evaluate(Smoke(true)));
        Assert.Single(engine.Evaluate(Smoke(false)).OfType<AlarmRaised>());
        Assert.Single(engine.Evaluate(Smoke(true)).OfType<AlarmCleared>());
    }

    [Theory]
    [InlineData(1.0, true)]
    [InlineData(0.0, false)]
    public void NumberLevel_ReadsZeroOrOne(double number, bool raises)
    {
        var engine = new RuleEngine([TestRules.FireAlarm()], clock);

        var outputs = engine.Evaluate(TestSamples.Number(clock, TestRules.Smoke, number));

        Assert.Equal(raises, outputs.OfType<AlarmRaised>().Any());
    }

    [Fact]
    public void OtherNumber_IsIgnoredAndLogged()
    {
        var logger = new ListLogger();
        var engine = new RuleEngine([TestRules.FireAlarm()], clock, logger);
        engine.Evaluate(Smoke(true));

        Assert.Empty(engine.Evaluate(TestSamples.Number(clock, TestRules.Smoke, 2)));

        Assert.Single(engine.ActiveAlarms);
        Assert.Equal(1, logger.Count(3006));
    }

    [Fact]
    public void PulseAndOrdinaryNotice_AreNotReverted()
    {
        var bell = PointId.Parse("bell-01.relay");
        var rule = new InputRuleDefinition(
            "panic-button",
            TestRules.Smoke,
            activeLevel: true,
            AlarmSeverity.Major,
            [new SetOutputAction(bell, true, TimeSpan.FromSeconds(3)), new NoticeAction("board-201", TestRules.Co2Notice, emergency: false)]);
        var engine = new RuleEngine([rule], clock);

        var raise = engine.Evaluate(Smoke(true));
        Assert.Equal(new SetOutputCommand(bell, true, TimeSpan.FromSeconds(3), "panic-button"), raise[1]);

        var clear = engine.Evaluate(Smoke(false));
        Assert.IsType<AlarmCleared>(Assert.Single(clear));
    }

    [Fact]
    public void SharedOutput_StaysOnUntilLastRuleClears()
    {
        var smokeB = PointId.Parse("fire-panel.smoke-b");
        var engine = new RuleEngine([TestRules.FireAlarm("fire-a"), TestRules.FireAlarm("fire-b", smokeB)], clock);
        engine.Evaluate(Smoke(true));
        engine.Evaluate(TestSamples.Boolean(clock, smokeB, true));

        var firstClear = engine.Evaluate(Smoke(false));
        Assert.DoesNotContain(firstClear, output => output is SetOutputCommand);
        Assert.Single(firstClear.OfType<ClearEmergencyNoticeCommand>());

        var lastClear = engine.Evaluate(TestSamples.Boolean(clock, smokeB, false));
        Assert.Contains(new SetOutputCommand(TestRules.Siren, false, null, "fire-b"), lastClear);
    }

    private Sample Smoke(bool active) => TestSamples.Boolean(clock, TestRules.Smoke, active);
}
