using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Tests.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Rules;

/// <summary>One broken value per case in the rules and calendar sections, each checked for kind, line, key path and message.</summary>
public class RuleProblemTests
{
    [Theory]
    [InlineData("timeZone: Asia/Shanghai", "timeZone: Mars/Olympus", ConfigurationProblemKind.InvalidValue, "calendar.timeZone", "Mars/Olympus")]
    [InlineData("    - 2026-01-01", "    - 2026-13-01", ConfigurationProblemKind.InvalidValue, "calendar.holidays[1]", "year-month-day")]
    [InlineData("      to: 2026-01-16", "      to: 2025-08-01", ConfigurationProblemKind.InvalidCombination, "calendar.terms[0].to", "swap `from` and `to`")]
    [InlineData("    - 14:00-16:30", "    - 14:00-1630", ConfigurationProblemKind.InvalidValue, "calendar.lessons[1]", "HH:mm-HH:mm")]
    [InlineData("    - 14:00-16:30", "    - 23:00-01:00", ConfigurationProblemKind.InvalidValue, "calendar.lessons[1]", "crosses midnight")]
    [InlineData("makeUpDays: [2025-09-28]", "makeUpDays: [sometime]", ConfigurationProblemKind.InvalidValue, "calendar.makeUpDays[0]", "sometime")]
    [InlineData("timeZone: Asia/Shanghai", "timeZone: Asia/Shanghai\n  schoolDays: [mon, funday]", ConfigurationProblemKind.InvalidValue, "calendar.schoolDays[1]", "mon, tue")]
    public void Calendar_Problem(string original, string replacement, ConfigurationProblemKind kind, string path, string fragment) =>
        AssertSingle(RuleYaml.With(original, replacement), kind, path, fragment, replacement.Split('\n')[^1].Trim());

    [Theory]
    [InlineData("armed: schoolHours", "armed: weekends", ConfigurationProblemKind.InvalidValue, "rules[0].armed", "schoolHours, lessons, afterHours")]
    [InlineData("windows: [22:00-06:00]", "windows: [22-06]", ConfigurationProblemKind.InvalidValue, "rules[2].armed.windows[0]", "HH:mm-HH:mm")]
    [InlineData("schoolDaysOnly: true}", "schoolDaysOnly: true, days: 3}", ConfigurationProblemKind.UnknownKey, "rules[2].armed.days", "`days`")]
    public void Armed_Problem(string original, string replacement, ConfigurationProblemKind kind, string path, string fragment) =>
        AssertSingle(RuleYaml.With(original, replacement), kind, path, fragment, replacement);

    [Fact]
    public void Armed_WithoutCalendar()
    {
        var start = RuleYaml.Valid.IndexOf("calendar:", StringComparison.Ordinal);
        var end = RuleYaml.Valid.IndexOf("devices:", StringComparison.Ordinal);
        var yaml = RuleYaml.Valid.Remove(start, end - start);

        var result = RuleYaml.Load(yaml);

        Assert.Equal(2, result.Problems.Count);
        var problem = SiteYaml.At(result, "rules[0].armed");
        Assert.Equal(ConfigurationProblemKind.MissingKey, problem.Kind);
        Assert.Equal(SiteYaml.LineOf(yaml, "armed: schoolHours"), problem.Line);
        Assert.Contains("`calendar:`", problem.Message, StringComparison.Ordinal);
        Assert.Equal(ConfigurationProblemKind.MissingKey, SiteYaml.At(result, "rules[2].armed").Kind);
    }

    [Theory]
    [InlineData("point: \"*-air.co2\"", "point: \"*-air.pm25\"", ConfigurationProblemKind.UnknownReference, "rules[0].point", "matches no configured point")]
    [InlineData("point: \"*-air.co2\"", "point: \"*-air\"", ConfigurationProblemKind.InvalidValue, "rules[0].point", "separated by a dot")]
    [InlineData("point: \"*-air.co2\"", "point: \"panel.*\"", ConfigurationProblemKind.WrongReference, "rules[0].point", "threshold rule needs a numeric point")]
    public void Pattern_Problem(string original, string replacement, ConfigurationProblemKind kind, string path, string fragment) =>
        AssertSingle(RuleYaml.With(original, replacement), kind, path, fragment, replacement);

    [Theory]
    [InlineData("device: door-3", "device: door-4", ConfigurationProblemKind.UnknownReference, "rules[4].device", "door-3")]
    [InlineData("within: 2m", "within: 0s", ConfigurationProblemKind.OutOfRange, "rules[4].within", "0s")]
    [InlineData("count: 5", "count: 0", ConfigurationProblemKind.OutOfRange, "rules[4].count", "1 to 10000")]
    [InlineData("device: panel", "device: pannel", ConfigurationProblemKind.UnknownReference, "rules[5].device", "`panel`")]
    [InlineData("for: 30s", "for: -1s", ConfigurationProblemKind.InvalidDuration, "rules[5].for", "-1s")]
    public void EventAndOffline_Problem(string original, string replacement, ConfigurationProblemKind kind, string path, string fragment) =>
        AssertSingle(RuleYaml.With(original, replacement), kind, path, fragment, replacement);

    [Fact]
    public void Event_MissingWithin()
    {
        var yaml = RuleYaml.With("    within: 2m\n", string.Empty);

        var problem = SiteYaml.Single(RuleYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.MissingKey, problem.Kind);
        Assert.Equal("rules[4].within", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "id: card-denied"), problem.Line);
    }

    [Fact]
    public void Event_PointIsUnknownKey()
    {
        var yaml = RuleYaml.With("event: card-denied", "event: card-denied\n    point: door-3.card-denied");

        var problem = SiteYaml.Single(RuleYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.UnknownKey, problem.Kind);
        Assert.Equal("rules[4].point", problem.Path);
    }

    [Theory]
    [InlineData("edge: rising", "edge: sideways", ConfigurationProblemKind.InvalidValue, "rules[2].edge", "rising, falling", "edge: sideways")]
    [InlineData("edge: rising", "edge: rising\n    changes: true", ConfigurationProblemKind.InvalidCombination, "rules[2].edge", "both `changes` and `edge`", "edge: rising")]
    [InlineData("edge: rising", "changes: false", ConfigurationProblemKind.InvalidValue, "rules[2].changes", "`changes: true`", "changes: false")]
    [InlineData("equals: 3", "equals: \"three\"", ConfigurationProblemKind.WrongReference, "rules[3].equals", "Modbus point", "equals: \"three\"")]
    [InlineData("equals: 3", "equals: 3\n    clearAfter: 2m", ConfigurationProblemKind.InvalidCombination, "rules[3].clearAfter", "`clearAfter` applies", "clearAfter: 2m")]
    [InlineData("point: panel.door", "point: panel.door\n    equals: true", ConfigurationProblemKind.InvalidCombination, "rules[2].edge", "both `equals` and `edge`", "edge: rising")]
    public void State_Problem(string original, string replacement, ConfigurationProblemKind kind, string path, string fragment, string line) =>
        AssertSingle(RuleYaml.With(original, replacement), kind, path, fragment, line);

    [Fact]
    public void State_EqualsNumberOnGpio()
    {
        var yaml = RuleYaml.With("    edge: rising\n", "    equals: 2\n").Replace("    clearAfter: 1m\n", string.Empty, StringComparison.Ordinal);

        var problem = SiteYaml.Single(RuleYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.WrongReference, problem.Kind);
        Assert.Equal("rules[2].equals", problem.Path);
        Assert.Contains("on/off GPIO point", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void State_NoTrigger()
    {
        var yaml = RuleYaml.With("    equals: 3\n", string.Empty);

        var problem = SiteYaml.Single(RuleYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.MissingKey, problem.Kind);
        Assert.Equal("rules[3].equals", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "id: mode-alarm"), problem.Line);
    }

    [Theory]
    [InlineData("rules: [co2-high]", "rules: [co2-hihg]", ConfigurationProblemKind.UnknownReference, "rules[6].rules[0]", "co2-high, smoke")]
    [InlineData("rules: [smoke, door-night]", "rules: [smoke, reset-button]", ConfigurationProblemKind.UnknownReference, "rules[7].rules[1]", "listed before")]
    [InlineData("rules: [smoke, door-night]", "rules: smoke", ConfigurationProblemKind.WrongType, "rules[7].rules", "a list")]
    public void Combination_Problem(string original, string replacement, ConfigurationProblemKind kind, string path, string fragment) =>
        AssertSingle(RuleYaml.With(original, replacement), kind, path, fragment, replacement);

    [Fact]
    public void Combination_NotTakesOne()
    {
        var yaml = RuleYaml.With("kind: all\n    rules: [smoke, door-night]", "kind: not\n    rules: [smoke, door-night]");

        var problem = SiteYaml.Single(RuleYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("rules[7].rules", problem.Path);
        Assert.Contains("exactly one rule, found 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Combination_NotOfPattern()
    {
        var yaml = RuleYaml.With("kind: any\n    rules: [co2-high]", "kind: not\n    rules: [co2-high]");

        var problem = SiteYaml.Single(RuleYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.InvalidCombination, problem.Kind);
        Assert.Equal("rules[6].rules[0]", problem.Path);
        Assert.Contains("one instance per point", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clearAlarm: smoke", "clearAlarm: fire", ConfigurationProblemKind.UnknownReference, "rules[8].actions[0].clearAlarm", "earlier rule")]
    [InlineData("writePoint: room-201-air.mode", "writePoint: panel.smoke", ConfigurationProblemKind.WrongReference, "rules[0].actions[1].writePoint", "GPIO input")]
    [InlineData("writePoint: room-201-air.mode", "writePoint: room-201-air.speed", ConfigurationProblemKind.UnknownReference, "rules[0].actions[1].writePoint", "speed")]
    [InlineData("publish: campus/pa/announce", "publish: campus/pa/#", ConfigurationProblemKind.InvalidValue, "rules[0].actions[2].publish", "without `+`, `#`")]
    [InlineData("payload: open-windows", "payload:", ConfigurationProblemKind.MissingValue, "rules[0].actions[2].payload", "`payload`")]
    [InlineData("notifyDistrict: true", "notifyDistrict: yes", ConfigurationProblemKind.WrongType, "rules[0].actions[3].notifyDistrict", "yes")]
    [InlineData("safeValue: true", "safeValue: open", ConfigurationProblemKind.WrongType, "rules[1].actions[0].safeValue", "open")]
    public void Action_Problem(string original, string replacement, ConfigurationProblemKind kind, string path, string fragment) =>
        AssertSingle(RuleYaml.With(original, replacement), kind, path, fragment, replacement);

    [Theory]
    [InlineData("notice: {building: A, floor: \"2\"}", "notice: {building: B}", ConfigurationProblemKind.UnknownReference, "rules[0].actions[0].notice", "board-201 (A/2/201)")]
    [InlineData("notice: {building: A, floor: \"2\"}", "notice: {wing: A}", ConfigurationProblemKind.UnknownKey, "rules[0].actions[0].notice.wing", "`wing`")]
    public void NoticeSelection_Problem(string original, string replacement, ConfigurationProblemKind kind, string path, string fragment)
    {
        var yaml = RuleYaml.With(original, replacement);

        var result = RuleYaml.Load(yaml);

        var problem = SiteYaml.At(result, path);
        Assert.Equal(kind, problem.Kind);
        Assert.Equal(SiteYaml.LineOf(yaml, replacement), problem.Line);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoticeSelection_NoKey()
    {
        var yaml = RuleYaml.With("notice: {building: A, floor: \"2\"}", "notice: {}");

        var problem = SiteYaml.Single(RuleYaml.Load(yaml));

        Assert.Equal(ConfigurationProblemKind.MissingKey, problem.Kind);
        Assert.Contains("`building`, `floor` or `room`", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rules: [co2-hihg]", "rules[6].rules[0]", "不是本规则之前列出的规则")]
    [InlineData("armed: weekends", "rules[0].armed", "不是有效值")]
    [InlineData("timeZone: Mars/Olympus", "calendar.timeZone", "不是已知的时区")]
    [InlineData("edge: sideways", "rules[2].edge", "不是有效值")]
    public void Problem_InChinese(string replacement, string path, string fragment)
    {
        var original = replacement.Split(':')[0] switch
        {
            "rules" => "rules: [co2-high]",
            "armed" => "armed: schoolHours",
            "timeZone" => "timeZone: Asia/Shanghai",
            _ => "edge: rising",
        };

        var result = SiteYaml.Load(RuleYaml.With(original, replacement), SiteYaml.Chinese);

        Assert.Contains(fragment, SiteYaml.At(result, path).Message, StringComparison.Ordinal);
    }

    private static void AssertSingle(string yaml, ConfigurationProblemKind kind, string path, string fragment, string lineFragment)
    {
        var problem = SiteYaml.Single(RuleYaml.Load(yaml));

        Assert.Equal(kind, problem.Kind);
        Assert.Equal(path, problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, lineFragment), problem.Line);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }
}
