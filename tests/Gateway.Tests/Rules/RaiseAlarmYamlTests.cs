using System.Text.Json;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.Tests.Configuration;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Gateway.Tests.Rules;

/// <summary>The <c>raiseAlarm</c> action in campus.yaml: reading, mapping to the engine, and one case per problem class.</summary>
public class RaiseAlarmYamlTests
{
    // The pattern rule co2-high (rules[0]) and the rule mode-alarm (rules[3]) both raise building-a-air.
    private static readonly string Valid = SiteYaml.Replace(
        SiteYaml.Replace(
            RuleYaml.Valid,
            "      - notifyDistrict: true\n",
            """
                  - notifyDistrict: true
                  - raiseAlarm: building-a-air
                    severity: major
                    text:
                      zh-CN: A 栋空气质量报警
                      en: Building A air quality alarm

            """),
        "    equals: 3\n    severity: minor\n",
        """
                equals: 3
                severity: minor
                actions:
                  - {raiseAlarm: building-a-air, severity: major, text: {zh-CN: A 栋空气质量报警, en: Building A air quality alarm}}

            """);

    private static string With(string original, string replacement) => SiteYaml.Replace(Valid, original, replacement);

    [Fact]
    public void Valid_MapsToEveryInstance()
    {
        var result = RuleYaml.Load(Valid);

        Assert.True(result.Problems.Count == 0, ConfigurationReport.Format(result));
        var definitions = RuleDefinitionFactory.Create(result.Configuration!);
        var raising = definitions.Where(definition => definition.Actions.OfType<RaiseAlarmAction>().Any()).Select(definition => definition.Id).ToArray();
        Assert.Equal(["co2-high@room-201-air", "co2-high@room-202-air", "mode-alarm"], raising);
        var action = definitions.SelectMany(definition => definition.Actions).OfType<RaiseAlarmAction>().First();
        Assert.Equal("building-a-air", action.Name);
        Assert.Equal(AlarmSeverity.Major, action.Severity);
        Assert.False(action.Latched);
        Assert.Equal("A 栋空气质量报警", action.Text.Texts["zh-CN"]);
        Assert.Equal("Building A air quality alarm", action.Text.Texts["en"]);
    }

    [Fact]
    public void Valid_EngineRaisesNamedAlarm()
    {
        var site = RuleYaml.Load(Valid).Configuration!;
        var engine = new RuleEngine(RuleDefinitionFactory.Create(site), TimeProvider.System);

        var outputs = engine.Evaluate(new Sample(new PointId("room-201-air", "mode"), PointValue.FromNumber(3), Quality.Good, DateTimeOffset.UtcNow, default));

        var raised = Assert.Single(outputs.OfType<AlarmRaised>(), output => output.RuleId == "building-a-air").Alarm;
        Assert.Equal(["mode-alarm"], raised.RaisedBy);
    }

    [Fact]
    public void AlarmRecord_ListsRaisingRules()
    {
        var site = RuleYaml.Load(Valid).Configuration!;
        var engine = new RuleEngine(RuleDefinitionFactory.Create(site), TimeProvider.System);
        var outputs = engine.Evaluate(new Sample(new PointId("room-201-air", "mode"), PointValue.FromNumber(3), Quality.Good, DateTimeOffset.UtcNow, default));
        var raised = outputs.OfType<AlarmRaised>().Single(output => output.RuleId == "building-a-air").Alarm;

        using var record = JsonDocument.Parse(RecordJson.Serialize(raised, "boot-1"));

        Assert.Equal("building-a-air", record.RootElement.GetProperty("rule").GetString());
        Assert.Equal("major", record.RootElement.GetProperty("severity").GetString());
        Assert.Equal(["mode-alarm"], record.RootElement.GetProperty("raisedBy").EnumerateArray().Select(ruleId => ruleId.GetString()));
    }

    [Fact]
    public void Latched_Read()
    {
        var result = RuleYaml.Load(With("      - raiseAlarm: building-a-air\n", "      - raiseAlarm: building-a-air\n        latched: true\n"));

        // The flow-style copy in mode-alarm is not latched, so the two definitions now conflict.
        var problem = SiteYaml.Single(result);
        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("rules[3].actions[0].raiseAlarm", problem.Path);
    }

    [Fact]
    public void ClearAlarm_NamesNamedAlarm()
    {
        var result = RuleYaml.Load(With("clearAlarm: smoke", "clearAlarm: building-a-air"));

        Assert.True(result.Problems.Count == 0, ConfigurationReport.Format(result));
        var reset = RuleDefinitionFactory.Create(result.Configuration!).First(definition => definition.Id == "reset-button");
        Assert.Equal("building-a-air", Assert.Single(reset.Actions.OfType<ResetAlarmAction>()).RuleId);
    }

    [Theory]
    [InlineData("      - raiseAlarm: building-a-air\n", "      - raiseAlarm:\n", ConfigurationProblemKind.MissingValue, "rules[0].actions[4].raiseAlarm", "- raiseAlarm:", "`raiseAlarm`")]
    [InlineData("        severity: major\n", "        severity: huge\n", ConfigurationProblemKind.InvalidValue, "rules[0].actions[4].severity", "severity: huge", "critical")]
    [InlineData("          en: Building A air quality alarm\n", "", ConfigurationProblemKind.MissingKey, "rules[0].actions[4].text.en", "          zh-CN: A 栋空气质量报警", "`en`")]
    [InlineData("      - raiseAlarm: building-a-air\n", "      - raiseAlarm: co2-high\n", ConfigurationProblemKind.DuplicateId, "rules[0].actions[4].raiseAlarm", "raiseAlarm: co2-high", "must differ from every rule id")]
    [InlineData("  - id: smoke-silent", "  - id: building-a-air", ConfigurationProblemKind.DuplicateId, "rules[9].id", "id: building-a-air", "rule ids and alarm names must differ")]
    [InlineData("severity: major, text", "severity: critical, text", ConfigurationProblemKind.InvalidCombination, "rules[3].actions[0].raiseAlarm", "severity: critical, text", "already defined on line")]
    public void Problem(string original, string replacement, ConfigurationProblemKind kind, string path, string lineFragment, string fragment)
    {
        var yaml = With(original, replacement);

        var problem = SiteYaml.Single(RuleYaml.Load(yaml));

        Assert.Equal(kind, problem.Kind);
        Assert.Equal(path, problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, lineFragment), problem.Line);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("      - raiseAlarm: building-a-air\n", "      - raiseAlarm: co2-high\n", "rules[0].actions[4].raiseAlarm", "不能与任何规则 id 相同")]
    [InlineData("  - id: smoke-silent", "  - id: building-a-air", "rules[9].id", "规则 id 与告警名称不能相同")]
    [InlineData("severity: major, text", "severity: critical, text", "rules[3].actions[0].raiseAlarm", "触发它的每条规则必须给出相同的值")]
    [InlineData("        severity: major\n", "        severity: huge\n", "rules[0].actions[4].severity", "不是有效值")]
    public void Problem_InChinese(string original, string replacement, string path, string fragment)
    {
        var result = SiteYaml.Load(With(original, replacement), SiteYaml.Chinese);

        Assert.Contains(fragment, SiteYaml.At(result, path).Message, StringComparison.Ordinal);
    }
}
