using System.Globalization;
using SmartCampus.Edge.Rules.Definitions;

namespace SmartCampus.Edge.Rules.Alarms;

/// <summary>Builds the raise and clear texts of each rule kind from the keys in RuleText.resx.</summary>
internal static class AlarmMessages
{
    public static AlarmMessage ThresholdRaised(ThresholdRuleDefinition rule, double value)
    {
        var above = rule.Direction == ThresholdDirection.Above;
        var point = rule.Point.ToString();
        var valueText = WithUnit(value, rule.Unit);
        var limitText = WithUnit(rule.Limit, rule.Unit);

        if (rule.For == TimeSpan.Zero)
        {
            return new AlarmMessage(above ? "ThresholdAboveNow" : "ThresholdBelowNow", [point, valueText, limitText]);
        }

        return new AlarmMessage(above ? "ThresholdAbove" : "ThresholdBelow", [point, valueText, limitText, rule.For]);
    }

    public static AlarmMessage ThresholdCleared(ThresholdRuleDefinition rule, double value) =>
        new(
            rule.Direction == ThresholdDirection.Above ? "ThresholdAboveCleared" : "ThresholdBelowCleared",
            [rule.Point.ToString(), WithUnit(value, rule.Unit), WithUnit(rule.ClearLevel, rule.Unit)]);

    public static AlarmMessage InputRaised(InputRuleDefinition rule, bool level) =>
        new("InputActive", [rule.Point.ToString(), LevelText(level)]);

    public static AlarmMessage InputCleared(InputRuleDefinition rule, bool level) =>
        new("InputCleared", [rule.Point.ToString(), LevelText(level)]);

    // Numbers are fixed here in the invariant culture: zh-CN and en, the supported languages, both write
    // 1620.5 without grouping, so the text reads right in either.
    private static string WithUnit(double number, string? unit)
    {
        var text = number.ToString("0.###", CultureInfo.InvariantCulture);
        return unit is null ? text : $"{text} {unit}";
    }

    private static string LevelText(bool level) => level ? "true" : "false";
}
