using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>
/// Reads one entry of the rules list: the keys every kind has, then what the kind watches (a point or pattern, a
/// device, or earlier rules) and the kind's own keys.
/// </summary>
internal static class RuleReader
{
    public const string ItemExample = "{id: fire-alarm, kind: input, point: fire-panel.smoke, equals: true, severity: critical}";

    private static readonly ChoiceSet<RuleKind> Kinds = new(
        ("threshold", RuleKind.Threshold),
        ("input", RuleKind.Input),
        ("state", RuleKind.State),
        ("stale", RuleKind.Stale),
        ("event", RuleKind.Event),
        ("offline", RuleKind.Offline),
        ("all", RuleKind.All),
        ("any", RuleKind.Any),
        ("not", RuleKind.Not));

    private static readonly ChoiceSet<AlarmSeverity> Severities = new(
        ("critical", AlarmSeverity.Critical),
        ("major", AlarmSeverity.Major),
        ("minor", AlarmSeverity.Minor),
        ("warning", AlarmSeverity.Warning));

    /// <summary>Returns the rule, or null when its kind is missing or invalid.</summary>
    public static RuleConfiguration? Read(MappingReader rule, RuleReadScope scope)
    {
        var idValue = rule.Key("id");
        var id = idValue.RequiredId("co2-high-201");
        if (id is not null)
        {
            scope.Ids.Add(id, idValue);
            scope.BeginRule(id, idValue);
        }

        var kind = rule.Key("kind").RequiredChoice(Kinds);
        // Event, offline and combination rules have no point, so for them `point` is reported as an unknown key.
        var readsPoint = kind is RuleKind.Threshold or RuleKind.Input or RuleKind.State or RuleKind.Stale;
        var pointValue = readsPoint ? rule.Key("point") : default;
        var point = readsPoint
            ? RulePointReader.Read(pointValue, kind == RuleKind.Threshold ? "bldgA-2F-201-air.co2" : "fire-panel.smoke")
            : null;
        var severity = rule.Key("severity").RequiredChoice(Severities);
        var actionItems = rule.Key("actions").MappingList(ActionReader.ItemExample, required: false, allowEmpty: true) ?? [];
        var actions = actionItems.Select(action => ActionReader.Read(action, scope)).OfType<RuleActionConfiguration>().ToList();

        var latched = rule.Key("latched").OptionalBoolean("true");
        var lifeSafety = rule.Key("lifeSafety").OptionalBoolean("true");
        var priority = rule.Key("priority").OptionalInteger(-1000, 1000, "10");
        var armed = ArmedReader.Read(rule.Key("armed"), scope);
        var common = new CommonRuleKeys(id ?? string.Empty, point?.Point.Id ?? default, severity ?? AlarmSeverity.Warning, actions);
        var result = ReadKind(rule, kind, pointValue, point, scope, common);

        result = result is null ? null : result with
        {
            Latched = latched ?? false,
            LifeSafety = lifeSafety ?? false,
            Priority = priority ?? 0,
            Armed = armed,
            Pattern = point?.Pattern,
        };

        // Without a kind, the kind's own keys cannot be distinguished from typos.
        if (kind is not null)
        {
            rule.ReportUnknownKeys();
        }

        if (id is not null)
        {
            scope.Add(id, point?.Pattern is not null);
        }

        return result;
    }

    private static RuleConfiguration? ReadKind(
        MappingReader rule, RuleKind? kind, ValueReader pointValue, RulePoint? point, RuleReadScope scope, CommonRuleKeys common) => kind switch
    {
        RuleKind.Threshold => ThresholdRuleReader.Read(rule, pointValue, point?.Point, common),
        RuleKind.Input => ReadInput(rule, pointValue, point?.Point, common),
        RuleKind.State => StateRuleReader.Read(rule, pointValue, point, common),
        RuleKind.Stale => ReadStale(rule, common),
        RuleKind.Event => EventRuleReader.ReadEvent(rule, common),
        RuleKind.Offline => EventRuleReader.ReadOffline(rule, common),
        RuleKind.All => CombinationRuleReader.Read(rule, CombinationSetting.All, scope, common),
        RuleKind.Any => CombinationRuleReader.Read(rule, CombinationSetting.Any, scope, common),
        RuleKind.Not => CombinationRuleReader.Read(rule, CombinationSetting.Not, scope, common),
        _ => null,
    };

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
        var debounce = rule.Key("debounce").OptionalDuration(TimeSpan.Zero, TimeSpan.FromHours(1), "2s");

        return new InputRuleConfiguration
        {
            Id = common.Id,
            Point = common.Point,
            Severity = common.Severity,
            Actions = common.Actions,
            TriggerValue = triggerValue ?? true,
            Debounce = debounce ?? TimeSpan.Zero,
        };
    }
}
