using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// The alarms that rules raise by name (<see cref="RaiseAlarmAction"/>). Each name has at most one active alarm,
/// which lists the rule instances raising it. The alarm clears when the last of them clears; a latched one then waits
/// for an on-site reset, as a rule's own latched alarm does.
/// </summary>
internal sealed class NamedAlarms(TimeProvider timeProvider, Microsoft.Extensions.Logging.ILogger logger)
{
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Active named alarms in the order their names first appear in the rules.</summary>
    public IEnumerable<Alarm> ActiveAlarms => entries.Values.Select(entry => entry.Active).OfType<Alarm>();

    /// <summary>Registers the named alarms of <paramref name="definitions"/>.</summary>
    /// <exception cref="ArgumentException">
    /// A name equals a rule id, or two rules give one name a different severity, latching or text.
    /// </exception>
    public void Register(IReadOnlyList<RuleDefinition> definitions)
    {
        var ruleIds = definitions.Select(definition => definition.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            foreach (var action in definition.Actions.OfType<RaiseAlarmAction>())
            {
                if (ruleIds.Contains(action.Name))
                {
                    throw new ArgumentException($"Rule '{definition.Id}' raises the named alarm '{action.Name}', which is also a rule id.", nameof(definitions));
                }

                if (!entries.TryGetValue(action.Name, out var entry))
                {
                    entries.Add(action.Name, new Entry(action));
                }
                else if (entry.Action != action)
                {
                    throw new ArgumentException($"Rule '{definition.Id}' defines the named alarm '{action.Name}' differently from an earlier rule.", nameof(definitions));
                }
            }
        }
    }

    public bool Contains(string name) => entries.ContainsKey(name);

    /// <summary>Adds <paramref name="rule"/> to the instances raising the named alarm, and raises it if it was not active.</summary>
    public void Raise(RaiseAlarmAction action, RuleDefinition rule, Alarm ruleAlarm, long timestamp, List<RuleOutput> outputs)
    {
        var entry = entries[action.Name];
        if (entry.RaisedBy.Contains(rule.Id, StringComparer.Ordinal))
        {
            return;
        }

        entry.RaisedBy.Add(rule.Id);
        if (entry.Active is not { } active)
        {
            var raisedAt = timeProvider.GetUtcNow();
            entry.Active = new Alarm(
                AlarmId: Guid.CreateVersion7(raisedAt).ToString(),
                RuleId: action.Name,
                Point: rule.Point,
                Severity: action.Severity,
                RaisedAt: raisedAt,
                RaisedMonotonic: timeProvider.GetElapsedTime(0, timestamp),
                ValueAtRaise: ruleAlarm.ValueAtRaise,
                Message: TextMessage("NamedAlarmRaised", action),
                Latched: action.Latched,
                RaisedBy: entry.RaisedBy.ToArray());
            Log.AlarmRaised(logger, entry.Active.AlarmId, action.Name, rule.Point, ruleAlarm.ValueAtRaise, action.Severity);
            outputs.Add(new AlarmRaised(entry.Active));
            return;
        }

        // A latched alarm waiting for its reset is raised again by the new instance, so its reset is no longer due.
        var change = active.ConditionClearedAt is null ? AlarmChange.RaisedByChanged : AlarmChange.ConditionReturned;
        entry.Active = active with { RaisedBy = entry.RaisedBy.ToArray(), ConditionClearedAt = null, ValueAtClear = null, ClearMessage = null };
        LogRaisedBy(entry);
        outputs.Add(new AlarmChanged(entry.Active, change));
    }

    /// <summary>Removes <paramref name="ruleId"/> from every named alarm it raises, after that rule instance's alarm cleared.</summary>
    public void Withdraw(string ruleId, PointValue value, long timestamp, List<RuleOutput> outputs)
    {
        foreach (var entry in entries.Values)
        {
            if (entry.Active is not { } active || !entry.RaisedBy.Remove(ruleId))
            {
                continue;
            }

            if (entry.RaisedBy.Count > 0)
            {
                entry.Active = active with { RaisedBy = entry.RaisedBy.ToArray() };
                LogRaisedBy(entry);
                outputs.Add(new AlarmChanged(entry.Active, AlarmChange.RaisedByChanged));
                continue;
            }

            var clearMessage = TextMessage("NamedAlarmCleared", entry.Action);
            if (active.Latched)
            {
                entry.Active = active with
                {
                    RaisedBy = [],
                    ConditionClearedAt = timeProvider.GetUtcNow(),
                    ValueAtClear = value,
                    ClearMessage = clearMessage,
                };
                Log.AwaitingReset(logger, active.AlarmId, active.RuleId);
                outputs.Add(new AlarmChanged(entry.Active, AlarmChange.ConditionCleared));
                continue;
            }

            Clear(entry, active with { RaisedBy = [] }, value, clearMessage, timestamp, outputs);
        }
    }

    /// <summary>
    /// Acknowledges the named alarm. A latched one that no instance raises any more is reset (cleared) only by an
    /// on-site acknowledgement, as <see cref="RuleState.Acknowledge"/> does for a rule's own alarm.
    /// </summary>
    public RuleCommandResult Acknowledge(string name, RequestOrigin origin, string? by, long timestamp)
    {
        var entry = entries[name];
        if (entry.Active is not { } alarm)
        {
            return RuleCommandResult.Rejected("AcknowledgeNoAlarm", name);
        }

        alarm = alarm with
        {
            AcknowledgedAt = timeProvider.GetUtcNow(),
            AcknowledgedBy = by,
            AcknowledgedOnSite = origin == RequestOrigin.OnSite,
        };
        entry.Active = alarm;
        Log.AlarmAcknowledged(logger, alarm.AlarmId, name, origin, by ?? string.Empty);
        var outputs = new List<RuleOutput> { new AlarmChanged(alarm, AlarmChange.Acknowledged) };

        if (alarm.ConditionClearedAt is null || !alarm.Latched)
        {
            return new RuleCommandResult(true, null, outputs);
        }

        if (origin != RequestOrigin.OnSite)
        {
            return new RuleCommandResult(true, new AlarmMessage("AcknowledgeLatchedNeedsOnSite", [name]), outputs);
        }

        var clearMessage = alarm.ClearMessage ?? new AlarmMessage("AlarmReset", [name]);
        Clear(entry, alarm, alarm.ValueAtClear ?? PointValue.None, clearMessage, timestamp, outputs);
        return new RuleCommandResult(true, null, outputs);
    }

    /// <summary>Snapshots of the active named alarms; the raising instances are in <see cref="Alarm.RaisedBy"/>.</summary>
    public IEnumerable<RuleInstanceSnapshot> TakeSnapshots() =>
        entries.Values
            .Where(entry => entry.Active is not null)
            .Select(entry => new RuleInstanceSnapshot(entry.Action.Name, entry.Active, entry.RaisedBy.Count > 0, false, null, null, null, null));

    /// <summary>Puts back a saved named alarm without raising it again; <paramref name="monotonicOffset"/> rebases its raise time.</summary>
    public void Restore(RuleInstanceSnapshot snapshot, TimeSpan monotonicOffset)
    {
        if (snapshot.Alarm is not { IsActive: true } alarm)
        {
            return;
        }

        var entry = entries[snapshot.RuleId];
        entry.RaisedBy.Clear();
        entry.RaisedBy.AddRange(alarm.RaisedBy ?? []);
        entry.Active = alarm with
        {
            RaisedMonotonic = alarm.RaisedMonotonic + monotonicOffset,
            Severity = entry.Action.Severity,
            Latched = entry.Action.Latched,
            RaisedBy = entry.RaisedBy.ToArray(),
        };
    }

    /// <summary>
    /// Withdraws restored raising instances whose own alarm did not come back (the rule was removed or its alarm was
    /// not in the snapshot), so a named alarm never stays active for an instance that no longer raises it.
    /// </summary>
    public void WithdrawInactive(Func<string, bool> isRaising, long timestamp, List<RuleOutput> outputs)
    {
        var gone = entries.Values.SelectMany(entry => entry.RaisedBy).Where(ruleId => !isRaising(ruleId)).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var ruleId in gone)
        {
            Withdraw(ruleId, PointValue.None, timestamp, outputs);
        }
    }

    // Every language travels in the message, so the console and the district pick theirs when they format it.
    private static AlarmMessage TextMessage(string key, RaiseAlarmAction action) => new(key, [action.Text]);

    private void Clear(Entry entry, Alarm active, PointValue value, AlarmMessage message, long timestamp, List<RuleOutput> outputs)
    {
        var cleared = active with
        {
            ClearedAt = timeProvider.GetUtcNow(),
            ClearedMonotonic = timeProvider.GetElapsedTime(0, timestamp),
            ValueAtClear = value,
            ClearMessage = message,
        };
        entry.Active = null;
        entry.RaisedBy.Clear();
        var activeSeconds = cleared.ActiveDuration.GetValueOrDefault().TotalSeconds;
        Log.AlarmCleared(logger, cleared.AlarmId, cleared.RuleId, cleared.Point, value, activeSeconds);
        outputs.Add(new AlarmCleared(cleared));
    }

    private void LogRaisedBy(Entry entry)
    {
        var raisedBy = string.Join(", ", entry.RaisedBy);
        Log.NamedAlarmRaisedByChanged(logger, entry.Action.Name, entry.Active!.AlarmId, entry.RaisedBy.Count, raisedBy);
    }

    private sealed class Entry(RaiseAlarmAction action)
    {
        public RaiseAlarmAction Action => action;

        public List<string> RaisedBy { get; } = [];

        public Alarm? Active { get; set; }
    }
}
