using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>
/// Reads a threshold rule: above with clearBelow, below with clearAbove, or all four for a band. The clear level must lie strictly on the
/// safe side of the limit, so that a value hovering at the limit cannot raise and clear over and over.
/// </summary>
internal static class ThresholdRuleReader
{
    public static ThresholdRuleConfiguration Read(MappingReader rule, ValueReader pointValue, ResolvedPoint? point, CommonRuleKeys common)
    {
        var needsNumber = point?.Signal == PointSignal.Text ? MessageKeys.ThresholdOnTextPoint : MessageKeys.ThresholdNeedsNumber;
        pointValue.RequireSignal(point, PointSignal.Number, needsNumber);

        var above = rule.Key("above");
        var below = rule.Key("below");
        var clearBelow = rule.Key("clearBelow");
        var clearAbove = rule.Key("clearAbove");
        var duration = rule.Key("for").OptionalDuration(TimeSpan.Zero, TimeSpan.FromDays(1), "2m");

        var direction = ReadDirection(rule, above, below);
        if (direction == ThresholdDirection.Outside)
        {
            return ReadBand(rule, (above, clearBelow), (below, clearAbove), common, duration);
        }

        var (limitValue, clearValue, wrongClearValue) = direction == ThresholdDirection.Below
            ? (below, clearAbove, clearBelow)
            : (above, clearBelow, clearAbove);
        var limit = direction is null ? null : limitValue.RequiredNumber(direction == ThresholdDirection.Below ? "18" : "1500");
        var clearLimit = direction is null ? null : ReadClearLimit(rule, direction.Value, limitValue, limit, clearValue, wrongClearValue);

        return new ThresholdRuleConfiguration
        {
            Id = common.Id,
            Point = common.Point,
            Severity = common.Severity,
            Actions = common.Actions,
            Direction = direction ?? ThresholdDirection.Above,
            Limit = limit ?? 0,
            ClearLimit = clearLimit ?? 0,
            For = duration ?? TimeSpan.Zero,
        };
    }

    /// <summary>
    /// Reads a band (above and below in one rule): each side needs its own clear level, and the two clear levels must
    /// leave a range between them where the alarm clears.
    /// </summary>
    private static ThresholdRuleConfiguration ReadBand(
        MappingReader rule, (ValueReader Limit, ValueReader Clear) high, (ValueReader Limit, ValueReader Clear) low, CommonRuleKeys common, TimeSpan? duration)
    {
        var highLimit = high.Limit.RequiredNumber("28");
        var lowLimit = low.Limit.RequiredNumber("16");
        var highClear = ReadClearLimit(rule, ThresholdDirection.Above, high.Limit, highLimit, high.Clear, null);
        var lowClear = ReadClearLimit(rule, ThresholdDirection.Below, low.Limit, lowLimit, low.Clear, null);

        if (highClear is { } upper && lowClear is { } lower && lower >= upper)
        {
            var message = new ProblemMessage(MessageKeys.ThresholdBandNoClearRange, low.Clear.RawText, high.Clear.RawText);
            low.Clear.Report(ConfigurationProblemKind.InvalidCombination, low.Clear.RawText, message);
        }

        return new ThresholdRuleConfiguration
        {
            Id = common.Id,
            Point = common.Point,
            Severity = common.Severity,
            Actions = common.Actions,
            Direction = ThresholdDirection.Outside,
            Limit = highLimit ?? 0,
            ClearLimit = highClear ?? 0,
            LowLimit = lowLimit ?? 0,
            LowClearLimit = lowClear ?? 0,
            For = duration ?? TimeSpan.Zero,
        };
    }

    private static ThresholdDirection? ReadDirection(MappingReader rule, ValueReader above, ValueReader below)
    {
        if (above.Node is not null && below.Node is not null)
        {
            return ThresholdDirection.Outside;
        }

        if (above.Node is null && below.Node is null)
        {
            var message = new ProblemMessage(MessageKeys.ThresholdLimitMissing);
            rule.Context.Problems.Add(ConfigurationProblemKind.MissingKey, rule.Start, KeyPath.Child(rule.Path, "above"), null, message);
            return null;
        }

        return above.Node is not null ? ThresholdDirection.Above : ThresholdDirection.Below;
    }

    private static double? ReadClearLimit(
        MappingReader rule, ThresholdDirection direction, ValueReader limitValue, double? limit, ValueReader clearValue, ValueReader? wrongClearValue)
    {
        var example = ExampleClearLimit(direction, limit);
        if (wrongClearValue is { Node: not null } wrong)
        {
            var message = new ProblemMessage(MessageKeys.ThresholdClearWrongSide, wrong.Key, limitValue.Key, clearValue.Key);
            wrong.Report(ConfigurationProblemKind.InvalidCombination, wrong.RawText, message);
        }

        if (clearValue.Node is null)
        {
            var message = new ProblemMessage(MessageKeys.ThresholdClearMissing, limitValue.Key, clearValue.Key, clearValue.Snippet(example));
            rule.Context.Problems.Add(ConfigurationProblemKind.MissingKey, rule.Start, clearValue.Path, null, message);
            return null;
        }

        var clearLimit = clearValue.RequiredNumber(example);
        if (clearLimit is { } clear && limit is { } raise && !IsOnSafeSide(direction, raise, clear))
        {
            var key = direction == ThresholdDirection.Above ? MessageKeys.ClearLimitNotBelow : MessageKeys.ClearLimitNotAbove;
            var message = new ProblemMessage(key, clearValue.RawText, limitValue.RawText, clearValue.Snippet(example));
            clearValue.Report(ConfigurationProblemKind.InvalidCombination, clearValue.RawText, message);
            return null;
        }

        return clearLimit;
    }

    private static bool IsOnSafeSide(ThresholdDirection direction, double limit, double clearLimit) =>
        direction == ThresholdDirection.Above ? clearLimit < limit : clearLimit > limit;

    /// <summary>Suggests a clear level 10 % of the limit on the safe side (1 when the limit is 0), for example 1350 for 1500.</summary>
    private static string ExampleClearLimit(ThresholdDirection direction, double? limit)
    {
        var raise = limit ?? (direction == ThresholdDirection.Above ? 1500 : 18);
        var margin = raise == 0 ? 1 : Math.Abs(raise) * 0.1;
        var clear = direction == ThresholdDirection.Above ? raise - margin : raise + margin;
        return clear.ToString("G6", CultureInfo.InvariantCulture);
    }
}
