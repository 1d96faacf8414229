using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Schedules;
using SmartCampus.Edge.Rules.Text;
using ConfigSeverity = SmartCampus.Edge.Gateway.Configuration.Model.Rules.AlarmSeverity;
using ConfigThresholdDirection = SmartCampus.Edge.Gateway.Configuration.Model.Rules.ThresholdDirection;
using RuleSeverity = SmartCampus.Edge.Rules.Alarms.AlarmSeverity;

namespace SmartCampus.Edge.Gateway.Composition;

/// <summary>
/// Turns the rules of a validated site configuration into rule-engine definitions. A rule on a point pattern becomes
/// one definition per matched point, with the id <c>{id}@{device}</c>; combinations and clearAlarm actions that name
/// such a rule name all its instances.
/// </summary>
internal static class RuleDefinitionFactory
{
    public static IReadOnlyList<RuleDefinition> Create(SiteConfiguration site)
    {
        ArgumentNullException.ThrowIfNull(site);

        var context = new Context(site);
        var definitions = new List<RuleDefinition>();
        foreach (var rule in site.Rules)
        {
            var template = Create(rule, context) with
            {
                Latched = rule.Latched,
                LifeSafety = rule.LifeSafety,
                Priority = rule.Priority,
                Armed = rule.Armed is { } armed ? context.Schedule(armed) : null,
            };

            var instances = rule.Pattern is { } pattern
                ? new PointPattern(pattern.Pattern).Expand(template, pattern.Points)
                : [template];
            context.InstanceIds[rule.Id] = instances.Select(instance => instance.Id).ToList();
            definitions.AddRange(instances);
        }

        return definitions;
    }

    private static RuleDefinition Create(RuleConfiguration rule, Context context)
    {
        var actions = rule.Actions.SelectMany(action => ToActions(action, context)).ToList();
        var severity = ToSeverity(rule.Severity);
        var unit = context.Units.GetValueOrDefault(rule.Point.ToString());

        return rule switch
        {
            ThresholdRuleConfiguration threshold when threshold.Direction == ConfigThresholdDirection.Outside =>
                ThresholdRuleDefinition.Outside(
                    rule.Id, rule.Point, (threshold.Limit, threshold.ClearLimit), (threshold.LowLimit, threshold.LowClearLimit), threshold.For, severity, actions, unit),
            ThresholdRuleConfiguration threshold when threshold.Direction == ConfigThresholdDirection.Below =>
                ThresholdRuleDefinition.Below(rule.Id, rule.Point, threshold.Limit, threshold.ClearLimit, threshold.For, severity, actions, unit),
            ThresholdRuleConfiguration threshold =>
                ThresholdRuleDefinition.Above(rule.Id, rule.Point, threshold.Limit, threshold.ClearLimit, threshold.For, severity, actions, unit),
            InputRuleConfiguration input =>
                new InputRuleDefinition(rule.Id, rule.Point, input.TriggerValue, severity, actions) { Debounce = input.Debounce },
            StateRuleConfiguration state =>
                new StateRuleDefinition(rule.Id, rule.Point, ToTrigger(state.Trigger), state.Value, severity, actions)
                {
                    Debounce = state.Debounce,
                    ClearAfter = state.ClearAfter,
                },
            StaleRuleConfiguration stale =>
                new StaleRuleDefinition(rule.Id, rule.Point, stale.StaleAfter, severity, actions),
            EventRuleConfiguration eventCount =>
                new EventCountRuleDefinition(rule.Id, rule.Point.Device, rule.Point.Point, eventCount.Count, eventCount.Within, severity, actions),
            OfflineRuleConfiguration offline =>
                new OfflineRuleDefinition(rule.Id, rule.Point.Device, offline.For, severity, actions),
            CombinationRuleConfiguration combination =>
                new CombinationRuleDefinition(rule.Id, ToCombination(combination.Kind), combination.RuleIds.SelectMany(context.InstancesOf), severity, actions),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.GetType().Name, "Rule kind has no rule-engine mapping."),
        };
    }

    /// <summary>
    /// Maps one configured action; a gate mode for every gate and a reset of a pattern rule fan out. A notice to a
    /// building, floor or room stays one action, which the action router resolves to boards when it sends.
    /// </summary>
    private static IEnumerable<RuleAction> ToActions(RuleActionConfiguration action, Context context) => action switch
    {
        GateModeActionConfiguration gateMode => (gateMode.GateId is { } gate ? [gate] : context.Gates)
            .Select(id => (RuleAction)new GateModeAction(id, ToGateMode(gateMode.Mode))),
        NoticeActionConfiguration { Selection: { } selection } notice =>
            [new NoticeAction(new BoardGroup(selection.Building, selection.Floor, selection.Room), ToText(notice.Text), notice.IsEmergency)],
        ClearAlarmActionConfiguration clear => context.InstancesOf(clear.RuleId).Select(id => (RuleAction)new ResetAlarmAction(id)),
        SetOutputActionConfiguration setOutput => [ToSetOutput(setOutput, context)],
        _ => [ToAction(action)],
    };

    private static RuleAction ToAction(RuleActionConfiguration action) => action switch
    {
        NoticeActionConfiguration notice => new NoticeAction(notice.BoardId ?? NoticeAction.AllBoards, ToText(notice.Text), notice.IsEmergency),
        WritePointActionConfiguration write => new WritePointAction(write.Point, write.Value, write.ClearValue),
        PublishActionConfiguration publish => new PublishAction(publish.Topic, publish.Payload),
        NotifyDistrictActionConfiguration => new NotifyDistrictAction(),
        RaiseAlarmActionConfiguration raise => new RaiseAlarmAction(raise.Name, ToSeverity(raise.Severity), ToText(raise.Text)) { Latched = raise.Latched },
        _ => throw new ArgumentOutOfRangeException(nameof(action), action.GetType().Name, "Action kind has no rule-engine mapping."),
    };

    /// <summary>
    /// Maps a setOutput. A boolean returns to its opposite on clear; a number has no opposite, so it returns to its
    /// safe value. Without a <c>safeValue</c>, a coil's <c>safeState</c> applies, and an escape lock is left unlocked
    /// (false) when the rule engine stops, even by a life-safety rule that holds it locked.
    /// </summary>
    private static SetOutputAction ToSetOutput(SetOutputActionConfiguration setOutput, Context context)
    {
        var value = setOutput.Value;
        var release = value.Kind == PointValueKind.Boolean
            ? PointValue.FromBoolean(!value.Boolean)
            : setOutput.SafeValue ?? throw new ArgumentException($"setOutput on '{setOutput.Point}' writes a number without a safe value; validation rejects that file.", nameof(setOutput));
        var safeValue = setOutput.SafeValue
            ?? (context.OutputSafeStates.TryGetValue(setOutput.Point, out var safeState) ? PointValue.FromBoolean(safeState) : null);
        return new SetOutputAction(setOutput.Point, value, release, setOutput.Pulse) { SafeValue = safeValue };
    }

    private static LocalizedText ToText(NoticeText text) => new([new("zh-CN", text.ZhCn), new("en", text.En)]);

    private static GateMode ToGateMode(GateModeSetting mode) => mode switch
    {
        GateModeSetting.HoldOpen => GateMode.HoldOpen,
        GateModeSetting.Locked => GateMode.Locked,
        _ => GateMode.Controlled,
    };

    private static StateTrigger ToTrigger(StateTriggerSetting trigger) => trigger switch
    {
        StateTriggerSetting.Changes => StateTrigger.Changes,
        StateTriggerSetting.Rising => StateTrigger.Rising,
        StateTriggerSetting.Falling => StateTrigger.Falling,
        _ => StateTrigger.EqualTo,
    };

    private static CombinationKind ToCombination(CombinationSetting kind) => kind switch
    {
        CombinationSetting.Any => CombinationKind.Any,
        CombinationSetting.Not => CombinationKind.Not,
        _ => CombinationKind.All,
    };

    private static RuleSeverity ToSeverity(ConfigSeverity severity) => severity switch
    {
        ConfigSeverity.Critical => RuleSeverity.Critical,
        ConfigSeverity.Major => RuleSeverity.Major,
        ConfigSeverity.Minor => RuleSeverity.Minor,
        _ => RuleSeverity.Warning,
    };

    /// <summary>What the mapping of one site's rules looks up: units, gates, output safe states, the calendar and the rule instances made so far.</summary>
    private sealed class Context
    {
        private readonly SchoolCalendar? calendar;

        public Context(SiteConfiguration site)
        {
            var modbusPoints = site.Devices.OfType<ModbusTcpDeviceConfiguration>().Select(device => (device.Id, device.Points))
                .Concat(site.Devices.OfType<ModbusRtuDeviceConfiguration>().Select(device => (device.Id, device.Points)));
            Units = modbusPoints
                .SelectMany(device => device.Points.Select(point => (Key: $"{device.Id}.{point.Id}", point.Unit)))
                .Where(entry => entry.Unit is not null)
                .ToDictionary(entry => entry.Key, entry => entry.Unit!, StringComparer.Ordinal);
            Gates = site.Devices.OfType<AccessGateConfiguration>().Select(gate => gate.Id).ToList();
            OutputSafeStates = OutputSafeStatesOf(site);
            calendar = site.Calendar is { } configured
                ? new SchoolCalendar(configured.TimeZone, configured.Terms, configured.Holidays, configured.Lessons, configured.SchoolDays, configured.MakeUpDays)
                : null;
        }

        public IReadOnlyDictionary<string, string> Units { get; }

        public IReadOnlyList<string> Gates { get; }

        /// <summary>Default engine-stop value of setOutputs on escape locks (false) and on coils with a <c>safeState</c>.</summary>
        public Dictionary<PointId, bool> OutputSafeStates { get; }

        /// <summary>Engine rule ids of each configured rule read so far: its own id, or one per pattern match.</summary>
        public Dictionary<string, IReadOnlyList<string>> InstanceIds { get; } = new(StringComparer.Ordinal);

        public IEnumerable<string> InstancesOf(string ruleId) => InstanceIds.TryGetValue(ruleId, out var ids) ? ids : [ruleId];

        private static Dictionary<PointId, bool> OutputSafeStatesOf(SiteConfiguration site)
        {
            var gpio = site.Devices.OfType<GpioDeviceConfiguration>()
                .SelectMany(device => device.Points.Where(point => point.EscapeLock).Select(point => (new PointId(device.Id, point.Id), false)));
            var modbusPoints = site.Devices.OfType<ModbusTcpDeviceConfiguration>().Select(device => (device.Id, device.Points))
                .Concat(site.Devices.OfType<ModbusRtuDeviceConfiguration>().Select(device => (device.Id, device.Points)));
            var coils = modbusPoints.SelectMany(device => device.Points
                .Where(point => point.EscapeLock || point.SafeState is not null)
                .Select(point => (new PointId(device.Id, point.Id), !point.EscapeLock && point.SafeState == true)));
            return gpio.Concat(coils).ToDictionary(entry => entry.Item1, entry => entry.Item2);
        }

        /// <exception cref="InvalidOperationException">The site has no calendar; validation rejects that file.</exception>
        public Schedule Schedule(ArmedConfiguration armed)
        {
            var school = calendar ?? throw new InvalidOperationException("A rule is armed by a schedule, but the site configuration has no calendar.");
            return armed.Kind switch
            {
                ScheduleKind.SchoolHours => Rules.Schedules.Schedule.SchoolHours(school),
                ScheduleKind.Lessons => Rules.Schedules.Schedule.Lessons(school),
                ScheduleKind.AfterHours => Rules.Schedules.Schedule.AfterHours(school),
                _ => Rules.Schedules.Schedule.DailyWindows(school, armed.Windows, armed.SchoolDaysOnly),
            };
        }
    }
}
