using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Tests.Configuration;
using SmartCampus.Edge.Rules.Definitions;
using ConfigDirection = SmartCampus.Edge.Gateway.Configuration.Model.Rules.ThresholdDirection;
using EngineDirection = SmartCampus.Edge.Rules.Definitions.ThresholdDirection;

namespace SmartCampus.Edge.Gateway.Tests.Rules;

/// <summary>A threshold rule with both above and below watches a band, with a clear level on each side.</summary>
public class ThresholdBandYamlTests
{
    private const string OneSided = "above: 1500\n    clearBelow: 1200";

    [Fact]
    public void Band_LoadsIntoOneRule()
    {
        var result = SiteYaml.Load(SiteYaml.With(OneSided, "above: 1500\n    clearBelow: 1200\n    below: 400\n    clearAbove: 450\n    for: 5m"));

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var rule = Assert.IsType<ThresholdRuleConfiguration>(result.Configuration!.Rules[0]);
        Assert.Equal(ConfigDirection.Outside, rule.Direction);
        Assert.Equal((1500, 1200, 400, 450), (rule.Limit, rule.ClearLimit, rule.LowLimit, rule.LowClearLimit));

        var definition = Assert.IsType<ThresholdRuleDefinition>(RuleDefinitionFactory.Create(result.Configuration).First(d => d.Id == "co2-high"));
        Assert.Equal(EngineDirection.Outside, definition.Direction);
        Assert.Equal((1500, 1200, 400, 450), (definition.Limit, definition.ClearLevel, definition.LowLimit, definition.LowClearLevel));
        Assert.Equal(TimeSpan.FromMinutes(5), definition.For);
    }

    [Theory]
    [InlineData("below: 400", "rules[0].clearAbove")]
    [InlineData("below: 400\n    clearAbove: 450\n    clearBelow: 1200", "rules[0].clearBelow")]
    public void Band_ClearLevelMissing(string lowSide, string path)
    {
        var high = path.EndsWith("clearBelow", StringComparison.Ordinal) ? "above: 1500" : OneSided;
        var yaml = SiteYaml.With(OneSided, high + "\n    " + lowSide.Replace("\n    clearBelow: 1200", string.Empty, StringComparison.Ordinal));

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.MissingKey, problem.Kind);
        Assert.Equal(path, problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "- id: co2-high"), problem.Line);
    }

    [Fact]
    public void Band_LowClearOnWrongSide()
    {
        var yaml = SiteYaml.With(OneSided, OneSided + "\n    below: 400\n    clearAbove: 390");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("rules[0].clearAbove", problem.Path);
        Assert.Contains("clearAbove 390 must be higher than below 400", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "clearAbove 1300 must be lower than clearBelow 1200")]
    [InlineData("zh-CN", "clearAbove 1300 必须低于 clearBelow 1200")]
    public void Band_ClearLevelsLeaveNoRange(string culture, string fragment)
    {
        var yaml = SiteYaml.With(OneSided, OneSided + "\n    below: 400\n    clearAbove: 1300");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml, System.Globalization.CultureInfo.GetCultureInfo(culture)));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("rules[0].clearAbove", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "clearAbove: 1300"), problem.Line);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }
}
