using CsCheck;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Properties;

public class AlarmUniquenessProperties
{
    // One step of a random run: what happens, a number whose meaning depends on the kind, and seconds to let pass.
    private sealed record Step(int Kind, int Number, int Seconds);

    private static readonly Gen<Step> StepGen = Gen.Select(Gen.Int[0, 10], Gen.Int[0, 7], Gen.Int[0, 150], (kind, number, seconds) => new Step(kind, number, seconds));

    // Values around the limits of the CO2 rule (1500 raise, 1200 clear), so that runs raise, clear and flap.
    private static readonly double[] Co2Values = [1000, 1199, 1200, 1350, 1500, 1501, 1700, double.NaN];

    [Fact]
    public void RandomRuns_OneAlarmPerInstance()
    {
        Gen.Int[1, 300].SelectMany(length => StepGen.Array[length]).Sample(steps => Run(steps), iter: 300);
    }

    private static void Run(Step[] steps)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));
        IReadOnlyList<RuleDefinition> rules =
        [
            TestRules.Co2High(),
            TestRules.Co2High("co2-latched") with { Latched = true },
            TestRules.FireLifeSafety(),
            new StaleRuleDefinition("smoke-silent", TestRules.Smoke, TimeSpan.FromSeconds(60), AlarmSeverity.Major),
            new StateRuleDefinition("co2-changed", TestRules.Co2, StateTrigger.Changes, PointValue.None, AlarmSeverity.Warning) { ClearAfter = TimeSpan.FromSeconds(20) },
            new StateRuleDefinition("smoke-edge", TestRules.Smoke, StateTrigger.Rising, PointValue.None, AlarmSeverity.Minor) { Debounce = TimeSpan.FromSeconds(2), Latched = true },
            new OfflineRuleDefinition("panel-offline", TestRules.Smoke.Device, TimeSpan.FromSeconds(30), AlarmSeverity.Major),
        ];
        var engine = new RuleEngine(rules, clock);
        var active = new Dictionary<string, string>(StringComparer.Ordinal);
        var raisedIds = new HashSet<string>(StringComparer.Ordinal);
        var clearedIds = new HashSet<string>(StringComparer.Ordinal);

        foreach (var step in steps)
        {
            clock.Advance(TimeSpan.FromSeconds(step.Seconds));
            IReadOnlyList<RuleOutput> outputs = step.Kind switch
            {
                0 or 1 or 2 => engine.Evaluate(Co2Sample(clock, step.Number)),
                3 => engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, step.Number % 2 == 0)),
                4 => engine.Evaluate(TestSamples.Bad(clock, step.Number % 2 == 0 ? TestRules.Co2 : TestRules.Smoke)),
                5 => engine.Acknowledge(rules[step.Number % rules.Count].Id, (RequestOrigin)(step.Number % 3)).Outputs,
                6 => engine.Shelve(rules[step.Number % rules.Count].Id, TimeSpan.FromSeconds(30 + step.Seconds)).Outputs,
                7 => Restart(ref engine, ref clock, rules),
                8 => engine.EvaluateEvent(new DeviceEvent(TestRules.Smoke.Device, step.Number % 2 == 0 ? DeviceEventTypes.Offline : DeviceEventTypes.Online, clock.GetUtcNow(), new MonotonicStamp("test-boot", clock.GetElapsedTime(0, clock.GetTimestamp())))),
                _ => engine.Tick(),
            };

            Check(outputs, active, raisedIds, clearedIds);
            foreach (var group in engine.ActiveAlarms.GroupBy(alarm => alarm.RuleId))
            {
                Assert.Single(group);
                Assert.Equal(active[group.Key], group.Single().AlarmId);
            }

            Assert.Equal(active.Count, engine.ActiveAlarms.Count);
        }
    }

    private static void Check(IReadOnlyList<RuleOutput> outputs, Dictionary<string, string> active, HashSet<string> raisedIds, HashSet<string> clearedIds)
    {
        foreach (var output in outputs)
        {
            switch (output)
            {
                case AlarmRaised raised:
                    Assert.False(active.ContainsKey(raised.RuleId), $"Rule {raised.RuleId} raised a second alarm while one was active.");
                    Assert.True(raisedIds.Add(raised.Alarm.AlarmId), $"Alarm id {raised.Alarm.AlarmId} was raised twice.");
                    active[raised.RuleId] = raised.Alarm.AlarmId;
                    break;

                case AlarmCleared cleared:
                    Assert.True(active.Remove(cleared.RuleId, out var activeId), $"Rule {cleared.RuleId} cleared an alarm that was not active.");
                    Assert.Equal(activeId, cleared.Alarm.AlarmId);
                    Assert.True(clearedIds.Add(cleared.Alarm.AlarmId), $"Alarm id {cleared.Alarm.AlarmId} was cleared twice.");
                    break;

                case AlarmChanged changed:
                    Assert.Equal(active[changed.RuleId], changed.Alarm.AlarmId);
                    break;
            }
        }
    }

    // A restart mid-run: snapshot to bytes, a new engine on a new clock, restore; it must not raise anything.
    private static IReadOnlyList<RuleOutput> Restart(ref RuleEngine engine, ref FakeTimeProvider clock, IReadOnlyList<RuleDefinition> rules)
    {
        var bytes = RuleSnapshotJson.Serialize(engine.TakeSnapshot());
        clock = new FakeTimeProvider(clock.GetUtcNow() + TimeSpan.FromSeconds(20));
        engine = new RuleEngine(rules, clock);
        var outputs = engine.Restore(RuleSnapshotJson.Deserialize(bytes));
        Assert.DoesNotContain(outputs, output => output is AlarmRaised or AlarmCleared);
        return outputs;
    }

    private static Sample Co2Sample(TimeProvider clock, int index) => TestSamples.Number(clock, TestRules.Co2, Co2Values[index]);
}
