using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Testing;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Engine;

public class ActionTests
{
    private static readonly PointId FanSpeed = PointId.Parse("ahu-1.fan-speed");

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));

    private static InputRuleDefinition Rule() =>
        new(
            "fire-all-actions",
            TestRules.Smoke,
            true,
            AlarmSeverity.Critical,
            [
                new WritePointAction(FanSpeed, PointValue.FromNumber(0), PointValue.FromNumber(60)),
                new PublishAction("campus/pa/announce", "evacuate"),
                new GateModeAction("gate-east", GateMode.HoldOpen),
                new NotifyDistrictAction(),
            ]);

    [Fact]
    public void Raise_EmitsEachCommand()
    {
        var engine = new RuleEngine([Rule()], clock);

        var outputs = engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, true));

        var alarm = Assert.IsType<AlarmRaised>(outputs[0]).Alarm;
        Assert.Equal(new WritePointCommand(FanSpeed, PointValue.FromNumber(0), "fire-all-actions"), outputs[1]);
        Assert.Equal(new PublishCommand("campus/pa/announce", "evacuate", "fire-all-actions"), outputs[2]);
        Assert.Equal(new GateModeCommand("gate-east", GateMode.HoldOpen, "fire-all-actions"), outputs[3]);
        Assert.Equal(alarm.AlarmId, Assert.IsType<NotifyDistrictCommand>(outputs[4]).Alarm.AlarmId);
    }

    [Fact]
    public void Clear_RevertsWriteAndGate()
    {
        var engine = new RuleEngine([Rule()], clock);
        engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, true));

        var outputs = engine.Evaluate(TestSamples.Boolean(clock, TestRules.Smoke, false));

        Assert.Contains(new WritePointCommand(FanSpeed, PointValue.FromNumber(60), "fire-all-actions"), outputs);
        Assert.Contains(new GateModeCommand("gate-east", GateMode.Controlled, "fire-all-actions"), outputs);
        Assert.Contains(outputs, output => output is NotifyDistrictCommand { Alarm.IsActive: false });
        Assert.DoesNotContain(outputs, output => output is PublishCommand);
    }

    [Fact]
    public void WrittenPoints_IncludeWrites()
    {
        Assert.Contains(FanSpeed, Rule().WrittenPoints);
    }

    [Fact]
    public void Publish_RejectsWildcard()
    {
        Assert.Throws<ArgumentException>(() => new PublishAction("campus/#", "x"));
    }

    [Fact]
    public void Timeline_NamesNewCommands()
    {
        var series = SampleSeriesParser.Parse("time,point,value\n0s,fire-panel.smoke,true", false, clock.GetUtcNow());

        var text = TimelineFormatter.Format(RuleTestRunner.Run([Rule()], series), CultureInfo.GetCultureInfo("en"));

        Assert.Contains("write 0 to ahu-1.fan-speed", text, StringComparison.Ordinal);
        Assert.Contains("gate gate-east to mode HoldOpen", text, StringComparison.Ordinal);
        Assert.Contains("publish to campus/pa/announce: evacuate", text, StringComparison.Ordinal);
        Assert.Contains("to the district at once", text, StringComparison.Ordinal);
    }
}
