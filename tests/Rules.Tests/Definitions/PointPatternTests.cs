using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.Tests.Support;

namespace SmartCampus.Edge.Rules.Tests.Definitions;

public class PointPatternTests
{
    private static readonly PointId[] Points =
    [
        PointId.Parse("bldgA-2F-201-air.co2"),
        PointId.Parse("bldgA-2F-202-air.co2"),
        PointId.Parse("bldgA-2F-202-air.temperature"),
        PointId.Parse("fire-panel.smoke"),
        PointId.Parse("bldgA-2F-203-air.co2.raw"),
    ];

    [Theory]
    [InlineData("*-air.co2", 2)]
    [InlineData("bldgA-2F-20*-air.*", 4)]
    [InlineData("*.smoke", 1)]
    [InlineData("*.co2*", 3)]
    [InlineData("bldgB-*.co2", 0)]
    public void Matches_Count(string pattern, int expected)
    {
        Assert.Equal(expected, Points.Count(new PointPattern(pattern).Matches));
    }

    [Fact]
    public void DeviceStar_StopsAtDot()
    {
        Assert.False(new PointPattern("*.co2").Matches(new PointId("a", "b.co2")));
        Assert.True(new PointPattern("a.*").Matches(new PointId("a", "b.co2")));
    }

    [Fact]
    public void Pattern_RejectsNoDot()
    {
        Assert.Throws<ArgumentException>(() => new PointPattern("*-air"));
    }

    [Fact]
    public void Expand_OneInstancePerMatch()
    {
        var rules = new PointPattern("*-air.co2").Expand(TestRules.Co2High("co2-high"), Points);

        Assert.Equal(["co2-high@bldgA-2F-201-air", "co2-high@bldgA-2F-202-air"], rules.Select(rule => rule.Id));
        Assert.Equal(Points[1], rules[1].Point);
        Assert.Equal(TestRules.Co2High().Actions, rules[1].Actions);
    }

    [Fact]
    public void Expand_InstancesAlarmSeparately()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));
        var template = ThresholdRuleDefinition.Above("co2-now", TestRules.Co2, 1500, 1200, TimeSpan.Zero, AlarmSeverity.Warning);
        var engine = new RuleEngine(new PointPattern("*-air.co2").Expand(template, Points), clock);

        engine.Evaluate(TestSamples.Number(clock, Points[0], 1600));
        var second = engine.Evaluate(TestSamples.Number(clock, Points[1], 1600));

        Assert.Equal("co2-now@bldgA-2F-202-air", Assert.IsType<AlarmRaised>(Assert.Single(second)).RuleId);
        Assert.Equal(2, engine.ActiveAlarms.Count);
    }
}
