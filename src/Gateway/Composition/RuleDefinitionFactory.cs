using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Text;
using ConfigSeverity = SmartCampus.Edge.Gateway.Configuration.Model.Rules.AlarmSeverity;
using ConfigThresholdDirection = SmartCampus.Edge.Gateway.Configuration.Model.Rules.ThresholdDirection;
using RuleSeverity = SmartCampus.Edge.Rules.Alarms.AlarmSeverity;

namespace SmartCampus.Edge.Gateway.Composition;

/// <summary>Turns the rules of a validated site configuration into rule-engine definitions.</summary>
internal static class RuleDefinitionFactory
{
    public static IReadOnlyList<RuleDefinition> Create(SiteConfiguration site)
    {
        var modbusPoints = site.Devices.OfType<ModbusTcpDeviceConfiguration>().Select(device => (device.Id, device.Points))
            .Concat(site.Devices.OfType<ModbusRtuDeviceConfiguration>().Select(device => (device.Id, device.Points)));
        var units = modbusPoints
            .SelectMany(device => device.Points.Select(point => (Key: $"{device.Id}.{point.Id}", point.Unit)))
            .Where(entry => entry.Unit is not null)
            .ToDictionary(entry => entry.Key, entry => entry.Unit!, StringComparer.Ordinal);

        var gates = site.Devices.OfType<AccessGateConfiguration>().Select(gate => gate.Id).ToList();
        return [.. site.Rules.Select(rule => Create(rule, units, gates) with
        {
            Latched = rule.Latched,
            LifeSafety = rule.LifeSafety,
            Priority = rule.Priority,
        })];
    }

    private static RuleDefinition Create(RuleConfiguration rule, IReadOnlyDictionary<string, string> units, IReadOnlyList<string> gates)
    {
        var actions = rule.Actions.SelectMany(action => ToActions(action, gates)).ToList();
        var severity = ToSeverity(rule.Severity);

        return rule switch
        {
            ThresholdRuleConfiguration threshold when threshold.Direction == ConfigThresholdDirection.Below =>
                ThresholdRuleDefinition.Below(rule.Id, rule.Point, threshold.Limit, threshold.ClearLimit, threshold.For, severity, actions, units.GetValueOrDefault(rule.Point.ToString())),
            ThresholdRuleConfiguration threshold =>
                ThresholdRuleDefinition.Above(rule.Id, rule.Point, threshold.Limit, threshold.ClearLimit, threshold.For, severity, actions, units.GetValueOrDefault(rule.Point.ToString())),
            InputRuleConfiguration input =>
                new InputRuleDefinition(rule.Id, rule.Point, input.TriggerValue, severity, actions),
            StaleRuleConfiguration stale =>
                new StaleRuleDefinition(rule.Id, rule.Point, stale.StaleAfter, severity, actions),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.GetType().Name, "Rule kind has no rule-engine mapping."),
        };
    }

    /// <summary>Maps one configured action; a gate mode for every gate becomes one action per gate.</summary>
    private static IEnumerable<RuleAction> ToActions(RuleActionConfiguration action, IReadOnlyList<string> gates) => action switch
    {
        GateModeActionConfiguration gateMode => (gateMode.GateId is { } gate ? [gate] : gates)
            .Select(id => (RuleAction)new GateModeAction(id, ToGateMode(gateMode.Mode))),
        _ => [ToAction(action)],
    };

    private static GateMode ToGateMode(GateModeSetting mode) => mode switch
    {
        GateModeSetting.HoldOpen => GateMode.HoldOpen,
        GateModeSetting.Locked => GateMode.Locked,
        _ => GateMode.Controlled,
    };

    private static RuleAction ToAction(RuleActionConfiguration action) => action switch
    {
        SetOutputActionConfiguration setOutput => new SetOutputAction(setOutput.Point, setOutput.Value, setOutput.Pulse),
        NoticeActionConfiguration notice => new NoticeAction(
            notice.BoardId ?? NoticeAction.AllBoards,
            new LocalizedText([new("zh-CN", notice.Text.ZhCn), new("en", notice.Text.En)]),
            notice.IsEmergency),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action.GetType().Name, "Action kind has no rule-engine mapping."),
    };

    private static RuleSeverity ToSeverity(ConfigSeverity severity) => severity switch
    {
        ConfigSeverity.Critical => RuleSeverity.Critical,
        ConfigSeverity.Major => RuleSeverity.Major,
        ConfigSeverity.Minor => RuleSeverity.Minor,
        _ => RuleSeverity.Warning,
    };
}
