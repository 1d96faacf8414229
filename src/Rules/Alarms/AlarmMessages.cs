using System.Globalization;
using SmartCampus.Edge.Rules.Definitions;

namespace SmartCampus.Edge.Rules.Alarms;

/// <summary>Builds the raise and clear texts of each rule kind from the keys in RuleText.resx.</summary>
internal static class AlarmMessages
{
    public static AlarmMessage ThresholdRaised(ThresholdRuleDefinition rule, double value)
    {
        // A band alarm names the side the value left on, so it reads like the one-sided alarm of that side.
        var above = rule.IsAboveLimit(value);
        var point = rule.Point.ToString();
        var valueText = WithUnit(value, rule.Unit);
        var limit = rule.Direction == ThresholdDirection.Outside && !above ? rule.LowLimit : rule.Limit;
        var limitText = WithUnit(limit, rule.Unit);

        if (rule.For == TimeSpan.Zero)
        {
            return new AlarmMessage(above ? "ThresholdAboveNow" : "ThresholdBelowNow", [point, valueText, limitText]);
        }

        return new AlarmMessage(above ? "ThresholdAbove" : "ThresholdBelow", [point, valueText, limitText, rule.For]);
    }

    public static AlarmMessage ThresholdCleared(ThresholdRuleDefinition rule, double value) => rule.Direction switch
    {
        ThresholdDirection.Above => new(
            "ThresholdAboveCleared", [rule.Point.ToString(), WithUnit(value, rule.Unit), WithUnit(rule.ClearLevel, rule.Unit)]),
        ThresholdDirection.Below => new(
            "ThresholdBelowCleared", [rule.Point.ToString(), WithUnit(value, rule.Unit), WithUnit(rule.ClearLevel, rule.Unit)]),
        _ => new(
            "ThresholdBandCleared",
            [rule.Point.ToString(), WithUnit(value, rule.Unit), WithUnit(rule.LowClearLevel, rule.Unit), WithUnit(rule.ClearLevel, rule.Unit)]),
    };

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
