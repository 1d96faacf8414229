using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>Reads one entry of the rules list: the keys every kind has, then the kind's own keys.</summary>
internal static class RuleReader
{
    public const string ItemExample = "{id: fire-alarm, kind: input, point: fire-panel.smoke, equals: true, severity: critical}";

    private static readonly ChoiceSet<RuleKind> Kinds = new(
        ("threshold", RuleKind.Threshold),
        ("input", RuleKind.Input),
        ("stale", RuleKind.Stale));

    private static readonly ChoiceSet<AlarmSeverity> Severities = new(
        ("critical", AlarmSeverity.Critical),
        ("major", AlarmSeverity.Major),
        ("minor", AlarmSeverity.Minor),
        ("warning", AlarmSeverity.Warning));

    /// <summary>Returns the rule, or null when its kind is missing or invalid.</summary>
    public static RuleConfiguration? Read(MappingReader rule, UniqueIds ruleIds)
    {
        var idValue = rule.Key("id");
        var id = idValue.RequiredId("co2-high-201");
        if (id is not null)
        {
            ruleIds.Add(id, idValue);
        }

        var kind = rule.Key("kind").RequiredChoice(Kinds);
        var pointValue = rule.Key("point");
        var point = pointValue.RequiredPointReference(kind == RuleKind.Threshold ? "bldgA-2F-201-air.co2" : "fire-panel.smoke");
        var severity = rule.Key("severity").RequiredChoice(Severities);
        var actionItems = rule.Key("actions").MappingList(ActionReader.ItemExample, required: false, allowEmpty: true) ?? [];
        var actions = actionItems.Select(ActionReader.Read).OfType<RuleActionConfiguration>().ToList();

        var latched = rule.Key("latched").OptionalBoolean("true");
        var lifeSafety = rule.Key("lifeSafety").OptionalBoolean("true");
        var priority = rule.Key("priority").OptionalInteger(-1000, 1000, "10");
        var common = new CommonRuleKeys(id ?? string.Empty, point?.Id ?? default, severity ?? AlarmSeverity.Warning, actions);
        RuleConfiguration? result = kind switch
        {
            RuleKind.Threshold => ThresholdRuleReader.Read(rule, pointValue, point, common),
            RuleKind.Input => ReadInput(rule, pointValue, point, common),
            RuleKind.Stale => ReadStale(rule, common),
            _ => null,
        };

        result = result is null ? null : result with
        {
            Latched = latched ?? false,
            LifeSafety = lifeSafety ?? false,
            Priority = priority ?? 0,
        };

        // Without a kind, the kind's own keys cannot be distinguished from typos.
        if (kind is not null)
        {
            rule.ReportUnknownKeys();
        }

        return result;
    }

    private static StaleRuleConfiguration ReadStale(MappingReader rule, CommonRuleKeys common)
    {
        var staleAfter = rule.Key("staleAfter").RequiredDuration(TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "30s");

        return new StaleRuleConfiguration
        {
            Id = common.Id,
            Point = common.Point,
            Severity = common.Severity,
            Actions = common.Actions,
            StaleAfter = staleAfter ?? TimeSpan.FromMinutes(1),
        };
    }

    private static InputRuleConfiguration ReadInput(MappingReader rule, ValueReader pointValue, ResolvedPoint? point, CommonRuleKeys common)
    {
        pointValue.RequireSignal(point, PointSignal.GpioInput, MessageKeys.InputRuleNeedsGpioInput);
        var triggerValue = rule.Key("equals").RequiredBoolean("true");

        return new InputRuleConfiguration
        {
            Id = common.Id,
            Point = common.Point,
            Severity = common.Severity,
            Actions = common.Actions,
            TriggerValue = triggerValue ?? true,
        };
    }
}
