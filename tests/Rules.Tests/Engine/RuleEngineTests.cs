using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Engine;

public class RuleEngineTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void UnrelatedPoint_YieldsNothing()
    {
        var engine = new RuleEngine([TestRules.Co2High(), TestRules.FireAlarm()], clock);
        engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 1620));

        Assert.Empty(engine.Evaluate(TestSamples.Number(clock, TestRules.Temperature, 99999)));
        Assert.Empty(engine.Evaluate(TestSamples.Bad(clock, TestRules.Temperature)));

        // The unrelated samples left the pending duration alone.
        Assert.Equal(TimeSpan.FromMinutes(2), engine.NextDueIn);
    }

    [Fact]
    public void SharedPoint_RulesRunIndependently()
    {
        var major = ThresholdRuleDefinition.Above("co2-very-high-201", TestRules.Co2, 2000, 1800, TimeSpan.Zero, AlarmSeverity.Major);
        var engine = new RuleEngine([TestRules.Co2High(), major], clock);

        var first = engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 2100));
        Assert.Equal("co2-very-high-201", Assert.IsType<AlarmRaised>(Assert.Single(first)).Alarm.RuleId);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 1700)).OfType<AlarmCleared>());

        clock.Advance(TimeSpan.FromMinutes(1));
        var second = engine.Tick();
        Assert.Equal("co2-high-201", second.OfType<AlarmRaised>().Single().Alarm.RuleId);
        Assert.Equal(["co2-high-201"], engine.ActiveAlarms.Select(alarm => alarm.RuleId));

        var cleared = engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 1100));
        Assert.Equal("co2-high-201", Assert.IsType<AlarmCleared>(Assert.Single(cleared)).Alarm.RuleId);
    }

    [Fact]
    public void SharedPoint_EmitsInRuleOrder()
    {
        var first = ThresholdRuleDefinition.Above("a", TestRules.Co2, 1000, 900, TimeSpan.Zero, AlarmSeverity.Minor);
        var second = ThresholdRuleDefinition.Above("b", TestRules.Co2, 1000, 900, TimeSpan.Zero, AlarmSeverity.Major);
        var engine = new RuleEngine([first, second], clock);

        var outputs = engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 1100));

        Assert.Equal(["a", "b"], outputs.Select(output => output.RuleId));
        Assert.NotEqual(((AlarmRaised)outputs[0]).Alarm.AlarmId, ((AlarmRaised)outputs[1]).Alarm.AlarmId);
    }

    [Fact]
    public void DuplicateIds_AreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new RuleEngine([TestRules.Co2High("x"), TestRules.FireAlarm("x")], clock));

        Assert.Contains("repeated: x.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoRules_YieldsNothing()
    {
        var engine = new RuleEngine([], clock);

        Assert.Empty(engine.Evaluate(TestSamples.Number(clock, TestRules.Co2, 5000)));
        Assert.Empty(engine.Tick());
        Assert.Null(engine.NextDueIn);
    }

    [Fact]
    public void Start_IsLogged()
    {
        var logger = new ListLogger();

        _ = new RuleEngine([TestRules.Co2High(), TestRules.FireAlarm()], clock, logger);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(3000, entry.EventId.Id);
        Assert.Contains("2 rules on 2 points", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RaiseAndClear_AreLogged()
    {
        var logger = new ListLogger();
        var engine = new RuleEngine([TestRules.FireAlarm()], clock, logger);

        engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, true));
        clock.Advance(TimeSpan.FromSeconds(20));
        engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, false));

        Assert.Contains(logger.Entries, entry => entry.EventId.Id == 3001 && entry.Message.Contains("fire-panel.smoke", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, entry => entry.EventId.Id == 3002 && entry.Message.Contains("active for 20 s", StringComparison.Ordinal));
    }

    [Fact]
    public void ConcurrentCalls_KeepOneAlarmPerRule()
    {
        var rules = Enumerable.Range(0, 20)
            .Select(i => ThresholdRuleDefinition.Above($"rule-{i}", new PointId($"dev-{i}", "value"), 10, 5, TimeSpan.Zero, AlarmSeverity.Minor))
            .ToArray();
        var engine = new RuleEngine(rules, clock);

        var outputs = new System.Collections.Concurrent.ConcurrentBag<RuleOutput>();
        Parallel.For(0, 2000, i =>
        {
            var sample = TestSamples.Number(clock, new PointId($"dev-{i % 20}", "value"), 11);
            foreach (var output in engine.Evaluate(sample).Concat(engine.Tick()))
            {
                outputs.Add(output);
            }

            _ = engine.ActiveAlarms;
        });

        Assert.Equal(20, outputs.OfType<AlarmRaised>().Count());
        Assert.Equal(20, engine.ActiveAlarms.Count);
    }
}
