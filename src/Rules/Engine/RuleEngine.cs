using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// Evaluates the site's rules against incoming samples and returns alarms and commands for the host to route. It
/// never touches a device and does no I/O. Durations run on <see cref="TimeProvider.GetTimestamp"/>, so a step of
/// the wall clock neither shortens nor stretches them. Wall-clock time only stamps alarms.
/// </summary>
/// <remarks>
/// Thread safety: every member takes one lock, so the console may read <see cref="ActiveAlarms"/> while the
/// pipeline evaluates. Outputs follow the order of the calls, so the host should feed samples of one point from one
/// task, in the order they were read.
/// </remarks>
public sealed class RuleEngine
{
    private readonly Lock gate = new();
    private readonly TimeProvider timeProvider;
    private readonly RuleState[] states;
    private readonly Dictionary<PointId, RuleState[]> statesByPoint;
    private readonly Dictionary<string, RuleState> statesById;
    private readonly AlarmLifecycle lifecycle;
    private readonly ILogger logger;
    private readonly HashSet<PointId> pointsWithSuspectSourceTime = [];
    private readonly CombinationRuleState[] combinations;
    private readonly Dictionary<string, OfflineRuleState[]> offlineByDevice;
    private bool evaluated;

    /// <exception cref="ArgumentException">A definition is null, or two definitions share an id.</exception>
    // NOTE: replacing the rule set means building a new engine. To keep active alarms, latches and held outputs across
    // a configuration reload, restore the old engine's TakeSnapshot() into the new one before its first sample.
    public RuleEngine(IEnumerable<RuleDefinition> definitions, TimeProvider timeProvider, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var definitionList = definitions.ToArray();
        CheckDefinitions(definitionList);

        this.logger = logger ?? NullLogger.Instance;
        lifecycle = new AlarmLifecycle(timeProvider, this.logger);
        lifecycle.Named.Register(definitionList);

        this.timeProvider = timeProvider;
        Definitions = definitionList.AsReadOnly();
        var start = timeProvider.GetTimestamp();
        var byId = new Dictionary<string, RuleState>(StringComparer.Ordinal);
        states = new RuleState[definitionList.Length];
        for (var index = 0; index < definitionList.Length; index++)
        {
            states[index] = CreateState(definitionList[index], lifecycle, start, byId);
            byId.Add(definitionList[index].Id, states[index]);
        }

        combinations = states.OfType<CombinationRuleState>().ToArray();
        offlineByDevice = states.OfType<OfflineRuleState>()
            .GroupBy(state => state.Definition.Point.Device, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.ToArray(), StringComparer.Ordinal);
        statesByPoint = states
            .GroupBy(state => state.Definition.Point)
            .ToDictionary(group => group.Key, group => group.ToArray());
        statesById = states.ToDictionary(state => state.Definition.Id, StringComparer.Ordinal);

        Log.EngineStarted(this.logger, states.Length, statesByPoint.Count);
    }

    /// <summary>
    /// Largest difference between a sample's device time and the gateway time before the engine flags the device
    /// clock (default 5 minutes). The engine never uses device times for durations; the flag only logs.
    /// </summary>
    public TimeSpan SourceTimeTolerance { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The rules in the order given; rules on one point are evaluated in this order.</summary>
    public IReadOnlyList<RuleDefinition> Definitions { get; }

    /// <summary>Alarms raised and not yet cleared, at most one per rule in rule order, then one per named alarm.</summary>
    public IReadOnlyList<Alarm> ActiveAlarms
    {
        get
        {
            lock (gate)
            {
                return states.Select(state => state.ActiveAlarm).OfType<Alarm>().Concat(lifecycle.Named.ActiveAlarms).ToArray();
            }
        }
    }

    /// <summary>
    /// Time until the next pending duration runs out (zero when overdue), so the host can sleep until then and call
    /// <see cref="Tick"/>; null when no duration is pending and only a new sample can change anything.
    /// </summary>
    public TimeSpan? NextDueIn
    {
        get
        {
            lock (gate)
            {
                var now = timeProvider.GetTimestamp();
                return states.Select(state => state.DueIn(now)).Where(due => due is not null).Min();
            }
        }
    }

    /// <summary>
    /// Evaluates every rule on the sample's point. Returns, per rule, an <see cref="AlarmRaised"/> followed by the
    /// rule's commands in the order written, or an <see cref="AlarmCleared"/> followed by the reversals; empty when
    /// nothing changed or no rule reads the point.
    /// </summary>
    public IReadOnlyList<RuleOutput> Evaluate(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);

        if (!statesByPoint.TryGetValue(sample.Point, out var pointStates))
        {
            return [];
        }

        lock (gate)
        {
            evaluated = true;
            CheckSourceTime(sample);
            var now = timeProvider.GetTimestamp();
            var outputs = new List<RuleOutput>();
            foreach (var state in pointStates)
            {
                state.Evaluate(sample, now, outputs);
            }

            UpdateCombinations(now, outputs);
            ApplyResets(now, outputs);
            return outputs;
        }
    }

    /// <summary>
    /// Counts a device event (a card denied, a door forced) for the event-count rules on <c>device.type</c>. Returns
    /// outputs as <see cref="Evaluate"/> does; empty when no rule counts that event.
    /// </summary>
    public IReadOnlyList<RuleOutput> EvaluateEvent(DeviceEvent deviceEvent)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);

        var counted = statesByPoint.TryGetValue(new PointId(deviceEvent.DeviceId, deviceEvent.Type), out var pointStates);
        var offline = IsOnlineOrOffline(deviceEvent.Type) && offlineByDevice.ContainsKey(deviceEvent.DeviceId);
        if (!counted && !offline)
        {
            return [];
        }

        lock (gate)
        {
            evaluated = true;
            var now = timeProvider.GetTimestamp();
            var outputs = new List<RuleOutput>();
            foreach (var state in (pointStates ?? []).OfType<EventCountRuleState>())
            {
                state.OnEvent(now, outputs);
            }

            foreach (var state in offline ? offlineByDevice[deviceEvent.DeviceId] : [])
            {
                state.OnDeviceEvent(deviceEvent.Type, now, outputs);
            }

            UpdateCombinations(now, outputs);
            ApplyResets(now, outputs);
            return outputs;
        }
    }

    /// <summary>
    /// Raises the alarms whose duration has run out without a new sample. Call it periodically (every second is
    /// enough for alarm durations) or after <see cref="NextDueIn"/>.
    /// </summary>
    public IReadOnlyList<RuleOutput> Tick()
    {
        lock (gate)
        {
            var now = timeProvider.GetTimestamp();
            var outputs = new List<RuleOutput>();
            foreach (var state in states)
            {
                state.CompleteDue(now, outputs);
            }

            UpdateCombinations(now, outputs);
            ApplyResets(now, outputs);
            return outputs;
        }
    }

    /// <summary>
    /// Acknowledges the active alarm of <paramref name="ruleId"/>, a rule instance id or the name of a named alarm. A latched alarm whose condition has cleared is reset
    /// (cleared, its outputs released) only by an acknowledgement from <see cref="RequestOrigin.OnSite"/>; any other
    /// origin records the acknowledgement and the result carries the reason the alarm stays active.
    /// </summary>
    public RuleCommandResult Acknowledge(string ruleId, RequestOrigin origin, string? by = null)
    {
        ArgumentNullException.ThrowIfNull(ruleId);

        lock (gate)
        {
            return AcknowledgeAt(ruleId, origin, by, timeProvider.GetTimestamp())
                ?? RuleCommandResult.Rejected("RuleUnknown", ruleId);
        }
    }

    /// <summary>
    /// Shelves <paramref name="ruleId"/> for <paramref name="duration"/> on the monotonic clock: alarms raised meanwhile
    /// are still recorded and sent, but their actions wait until the shelving ends (and run then only if the condition
    /// still holds). Actions already taken stay. Life-safety rules cannot be shelved.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is zero or negative.</exception>
    public RuleCommandResult Shelve(string ruleId, TimeSpan duration, string? by = null)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);

        lock (gate)
        {
            return statesById.TryGetValue(ruleId, out var state)
                ? state.Shelve(duration, by, timeProvider.GetTimestamp())
                : RuleCommandResult.Rejected("RuleUnknown", ruleId);
        }
    }

    /// <summary>Ends the shelving of <paramref name="ruleId"/> before its expiry.</summary>
    public RuleCommandResult Unshelve(string ruleId)
    {
        ArgumentNullException.ThrowIfNull(ruleId);

        lock (gate)
        {
            return statesById.TryGetValue(ruleId, out var state)
                ? state.Unshelve(timeProvider.GetTimestamp())
                : RuleCommandResult.Rejected("RuleUnknown", ruleId);
        }
    }

    /// <summary>
    /// Checks a command from the district or a console before the host runs it. It is rejected when an active
    /// life-safety rule holds <paramref name="target"/> at another value; the rejection is logged for the audit trail
    /// and carries the operator text. A command that writes the held value, or targets a free output, is allowed.
    /// </summary>
    public InterlockDecision CheckCommand(PointId target, PointValue value, RequestOrigin origin)
    {
        lock (gate)
        {
            var top = lifecycle.Holds.Top(target);
            if (top is not { LifeSafety: true })
            {
                return InterlockDecision.Allow(target);
            }

            if (Actions.SetOutputAction.SameValue(value, top.Value))
            {
                return InterlockDecision.Allow(target);
            }

            var alarmId = statesById[top.RuleId].ActiveAlarm?.AlarmId ?? string.Empty;
            Log.CommandRejected(logger, origin, target, value, top.RuleId, alarmId, top.Value);
            var reason = new AlarmMessage("InterlockLifeSafetyHold", [target.ToString(), value.ToString(), top.RuleId, top.Value.ToString()]);
            return new InterlockDecision(false, target, top.RuleId, alarmId, reason);
        }
    }

    /// <summary>
    /// Outputs that active rules hold, one entry per output with the deciding rule. If the engine stops, the host
    /// drives each to its <see cref="HeldOutput.SafeValue"/>.
    /// </summary>
    public IReadOnlyList<HeldOutput> HeldOutputs
    {
        get
        {
            lock (gate)
            {
                return lifecycle.Holds.TopHolds();
            }
        }
    }

    /// <summary>The state to persist: active alarms, latches, pending durations, shelving.</summary>
    public RuleEngineSnapshot TakeSnapshot()
    {
        lock (gate)
        {
            var now = timeProvider.GetTimestamp();
            var instances = states.Select(state => state.TakeSnapshot(now)).OfType<RuleInstanceSnapshot>()
                .Concat(lifecycle.Named.TakeSnapshots())
                .ToArray();
            return new RuleEngineSnapshot(timeProvider.GetUtcNow(), timeProvider.GetElapsedTime(0, now), instances);
        }
    }

    /// <summary>
    /// Puts back a snapshot from <see cref="TakeSnapshot"/>, before the first sample. Restored alarms are not raised
    /// again; the returned commands drive their held outputs and emergency notices again, because the drivers
    /// restarted too. Pending durations resume with their remaining time: the time the gateway was down is not
    /// counted, since no monotonic clock spans a reboot. An alarm of a rule the configuration no longer has is
    /// cleared with an <see cref="AlarmCleared"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A sample was already evaluated.</exception>
    public IReadOnlyList<RuleOutput> Restore(RuleEngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);

        lock (gate)
        {
            if (evaluated)
            {
                throw new InvalidOperationException("Rule state can only be restored before the first sample.");
            }

            var now = timeProvider.GetTimestamp();
            var offset = timeProvider.GetElapsedTime(0, now) - snapshot.TakenMonotonic;
            var outputs = new List<RuleOutput>();
            foreach (var instance in snapshot.Instances)
            {
                if (statesById.TryGetValue(instance.RuleId, out var state))
                {
                    state.Restore(instance, now, offset, outputs);
                }
                else if (lifecycle.Named.Contains(instance.RuleId))
                {
                    lifecycle.Named.Restore(instance, offset);
                }
                else if (instance.Alarm is { IsActive: true } orphan)
                {
                    Log.SnapshotRuleRemoved(logger, instance.RuleId, orphan.AlarmId);
                    outputs.Add(new AlarmCleared(orphan with
                    {
                        ClearedAt = timeProvider.GetUtcNow(),
                        ClearedMonotonic = orphan.RaisedMonotonic + offset,
                        RaisedMonotonic = orphan.RaisedMonotonic + offset,
                        ClearMessage = new AlarmMessage("AlarmRuleRemoved", [instance.RuleId]),
                    }));
                }
            }

            lifecycle.Named.WithdrawInactive(ruleId => statesById.TryGetValue(ruleId, out var raising) && raising.ActiveAlarm is not null, now, outputs);
            var alarmCount = states.Count(state => state.ActiveAlarm is not null) + lifecycle.Named.ActiveAlarms.Count();
            Log.StateRestored(logger, snapshot.TakenAt, alarmCount, snapshot.Instances.Count);
            return outputs;
        }
    }

    // Combinations come after the rules they name, so one pass in rule order sees every change of this call.
    private void UpdateCombinations(long timestamp, List<RuleOutput> outputs)
    {
        foreach (var combination in combinations)
        {
            combination.Update(timestamp, outputs);
        }
    }

    // A fault means the driver cannot use the device at all, which for a device-offline rule is the same as offline.
    private static bool IsOnlineOrOffline(string eventType) =>
        eventType is DeviceEventTypes.Online or DeviceEventTypes.Offline or DeviceEventTypes.Fault;

    /// <summary>
    /// Applies each <see cref="ResetAlarmCommand"/> of this call as an on-site acknowledgement of its target rule and
    /// appends what that returns. Resets are issued only on raise, so the loop ends.
    /// </summary>
    private void ApplyResets(long timestamp, List<RuleOutput> outputs)
    {
        for (var index = 0; index < outputs.Count; index++)
        {
            if (outputs[index] is ResetAlarmCommand reset
                && AcknowledgeAt(reset.TargetRuleId, RequestOrigin.OnSite, $"rule:{reset.RuleId}", timestamp) is { } result)
            {
                outputs.AddRange(result.Outputs);
            }
        }
    }

    /// <summary>Acknowledges a rule instance's alarm or a named alarm; null when <paramref name="id"/> is neither.</summary>
    private RuleCommandResult? AcknowledgeAt(string id, RequestOrigin origin, string? by, long timestamp)
    {
        if (statesById.TryGetValue(id, out var state))
        {
            return state.Acknowledge(origin, by, timestamp);
        }

        return lifecycle.Named.Contains(id) ? lifecycle.Named.Acknowledge(id, origin, by, timestamp) : null;
    }

    // Device clocks drift or reset to 1970; the flag is logged once per run of off samples of a point.
    private void CheckSourceTime(Sample sample)
    {
        if (sample.SourceTime is not { } sourceTime)
        {
            return;
        }

        var offset = sourceTime - sample.GatewayTime;
        if (offset.Duration() <= SourceTimeTolerance)
        {
            pointsWithSuspectSourceTime.Remove(sample.Point);
            return;
        }

        if (pointsWithSuspectSourceTime.Add(sample.Point))
        {
            Log.SourceTimeOff(logger, sample.Point, sourceTime, offset.TotalSeconds, sample.GatewayTime);
        }
    }

    /// <summary>Whether the last sample of <paramref name="point"/> carried a device time beyond <see cref="SourceTimeTolerance"/>.</summary>
    public bool IsSourceTimeSuspect(PointId point)
    {
        lock (gate)
        {
            return pointsWithSuspectSourceTime.Contains(point);
        }
    }

    private static void CheckDefinitions(RuleDefinition[] definitions)
    {
        if (definitions.Any(definition => definition is null))
        {
            throw new ArgumentException("The rule list contains a null definition.", nameof(definitions));
        }

        var duplicates = definitions
            .GroupBy(definition => definition.Id, StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Select(group => group.Key)
            .ToArray();
        if (duplicates.Length > 0)
        {
            throw new ArgumentException($"Rule ids must be unique; repeated: {string.Join(", ", duplicates)}.", nameof(definitions));
        }

        var ids = definitions.Select(definition => definition.Id)
            .Concat(definitions.SelectMany(definition => definition.Actions.OfType<Actions.RaiseAlarmAction>().Select(raise => raise.Name)))
            .ToHashSet(StringComparer.Ordinal);
        var unknownReset = definitions
            .SelectMany(definition => definition.Actions.OfType<Actions.ResetAlarmAction>().Select(reset => (definition.Id, reset.RuleId)))
            .FirstOrDefault(reset => !ids.Contains(reset.RuleId));
        if (unknownReset.Id is not null)
        {
            throw new ArgumentException($"Rule '{unknownReset.Id}' resets the alarm of '{unknownReset.RuleId}', which is neither a rule nor a named alarm.", nameof(definitions));
        }
    }

    private static RuleState CreateState(RuleDefinition definition, AlarmLifecycle lifecycle, long start, Dictionary<string, RuleState> earlier) => definition switch
    {
        CombinationRuleDefinition combination => new CombinationRuleState(combination, lifecycle, combination.RuleIds.Select(id => earlier.TryGetValue(id, out var part)
            ? part
            : throw new ArgumentException($"Rule '{definition.Id}' names '{id}', which is not a rule listed before it.", nameof(definition))).ToArray()),
        StaleRuleDefinition stale => new StaleRuleState(stale, lifecycle, start),
        StateRuleDefinition state => new StateRuleState(state, lifecycle),
        OfflineRuleDefinition offline => new OfflineRuleState(offline, lifecycle),
        EventCountRuleDefinition eventCount => new EventCountRuleState(eventCount, lifecycle),
        ThresholdRuleDefinition threshold => new ThresholdRuleState(threshold, lifecycle),
        InputRuleDefinition input => new InputRuleState(input, lifecycle),
        _ => throw new ArgumentException($"Rule '{definition.Id}' is of the unsupported kind {definition.GetType().Name}.", nameof(definition)),
    };
}
