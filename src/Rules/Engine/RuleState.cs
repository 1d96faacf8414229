using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// Run-time state of one rule instance: at most one alarm, its acknowledgement, latch and shelving, plus whatever the
/// rule kind tracks. Kinds report their condition through <see cref="RaiseCondition"/> and
/// <see cref="ClearCondition"/>; this class decides what the alarm does with it.
/// </summary>
internal abstract class RuleState(RuleDefinition definition, AlarmLifecycle lifecycle)
{
    private static readonly TimeSpan DisarmedRecheck = TimeSpan.FromSeconds(1);

    // Set once the rule has logged a sample it cannot use, until a usable one arrives.
    private bool reportedUnusable;

    private long? shelvedSince;
    private TimeSpan shelvedFor;
    private DateTimeOffset shelvedUntil;
    private string? shelvedBy;

    public RuleDefinition Definition => definition;

    public Alarm? ActiveAlarm { get; private set; }

    /// <summary>Whether the condition held at the last evaluation.</summary>
    public bool ConditionActive { get; private set; }

    /// <summary>Whether the active alarm's commands ran; false for an alarm raised while shelved.</summary>
    public bool CommandsIssued { get; private set; }

    public bool IsShelved => shelvedSince is not null;

    protected AlarmLifecycle Lifecycle => lifecycle;

    /// <summary>Applies one sample of the rule's point, read at <paramref name="timestamp"/>.</summary>
    public abstract void Evaluate(Sample sample, long timestamp, List<RuleOutput> outputs);

    /// <summary>Ends an expired shelving and completes the kind's pending duration if it has run out.</summary>
    public void CompleteDue(long timestamp, List<RuleOutput> outputs)
    {
        if (shelvedSince is { } since && lifecycle.TimeProvider.GetElapsedTime(since, timestamp) >= shelvedFor)
        {
            Log.ShelvingExpired(lifecycle.Logger, definition.Id);
            EndShelving(outputs);
        }

        CompleteKindDue(timestamp, outputs);
    }

    /// <summary>Time until the next timed change (zero when overdue); null when only a sample can change anything.</summary>
    public TimeSpan? DueIn(long timestamp)
    {
        var kindDue = KindDueIn(timestamp);

        // A rule outside its armed schedule cannot raise, so an overdue condition is checked again each second
        // instead of being due at once forever.
        if (kindDue is { } overdue && overdue < DisarmedRecheck && ActiveAlarm is null
            && definition.Armed is { } armed && !armed.Contains(lifecycle.TimeProvider.GetUtcNow()))
        {
            kindDue = DisarmedRecheck;
        }

        if (shelvedSince is not { } since)
        {
            return kindDue;
        }

        var shelveDue = shelvedFor - lifecycle.TimeProvider.GetElapsedTime(since, timestamp);
        shelveDue = shelveDue > TimeSpan.Zero ? shelveDue : TimeSpan.Zero;
        return kindDue is { } due && due < shelveDue ? due : shelveDue;
    }

    public RuleCommandResult Acknowledge(RequestOrigin origin, string? by, long timestamp)
    {
        if (ActiveAlarm is not { } alarm)
        {
            return RuleCommandResult.Rejected("AcknowledgeNoAlarm", definition.Id);
        }

        var outputs = new List<RuleOutput>();
        alarm = alarm with
        {
            AcknowledgedAt = lifecycle.TimeProvider.GetUtcNow(),
            AcknowledgedBy = by,
            AcknowledgedOnSite = origin == RequestOrigin.OnSite,
        };
        ActiveAlarm = alarm;
        Log.AlarmAcknowledged(lifecycle.Logger, alarm.AlarmId, definition.Id, origin, by ?? string.Empty);
        outputs.Add(new AlarmChanged(alarm, AlarmChange.Acknowledged));

        if (alarm.ConditionClearedAt is null || !alarm.Latched)
        {
            return new RuleCommandResult(true, null, outputs);
        }

        if (origin != RequestOrigin.OnSite)
        {
            return new RuleCommandResult(true, new AlarmMessage("AcknowledgeLatchedNeedsOnSite", [definition.Id]), outputs);
        }

        FinishClear(alarm, alarm.ValueAtClear ?? PointValue.None, alarm.ClearMessage ?? new AlarmMessage("AlarmReset", [definition.Id]), timestamp, outputs);
        return new RuleCommandResult(true, null, outputs);
    }

    public RuleCommandResult Shelve(TimeSpan duration, string? by, long timestamp)
    {
        if (definition.LifeSafety)
        {
            return RuleCommandResult.Rejected("ShelveLifeSafety", definition.Id);
        }

        shelvedSince = timestamp;
        shelvedFor = duration;
        shelvedUntil = lifecycle.TimeProvider.GetUtcNow() + duration;
        shelvedBy = by;
        Log.RuleShelved(lifecycle.Logger, definition.Id, duration.TotalSeconds, by ?? string.Empty);

        var outputs = new List<RuleOutput>();
        if (ActiveAlarm is { } alarm)
        {
            ActiveAlarm = alarm with { ShelvedUntil = shelvedUntil };
            outputs.Add(new AlarmChanged(ActiveAlarm, AlarmChange.Shelved));
        }
        else
        {
            outputs.Add(new RuleShelved(definition.Id, shelvedUntil, by));
        }

        return new RuleCommandResult(true, null, outputs);
    }

    public RuleCommandResult Unshelve(long timestamp)
    {
        if (!IsShelved)
        {
            return RuleCommandResult.Rejected("UnshelveNotShelved", definition.Id);
        }

        var outputs = new List<RuleOutput>();
        EndShelving(outputs);
        return new RuleCommandResult(true, null, outputs);
    }

    public RuleInstanceSnapshot? TakeSnapshot(long timestamp)
    {
        var (pendingElapsed, pendingValue) = SnapshotPending(timestamp);
        var kindState = SnapshotKindState();
        if (ActiveAlarm is null && pendingElapsed is null && !IsShelved && !ConditionActive && kindState is null)
        {
            return null;
        }

        TimeSpan? shelvedRemaining = shelvedSince is { } since
            ? shelvedFor - lifecycle.TimeProvider.GetElapsedTime(since, timestamp)
            : null;
        return new RuleInstanceSnapshot(
            definition.Id,
            ActiveAlarm,
            ConditionActive,
            CommandsIssued,
            pendingElapsed,
            pendingValue,
            shelvedRemaining is { } remaining && remaining < TimeSpan.Zero ? TimeSpan.Zero : shelvedRemaining,
            IsShelved ? shelvedBy : null,
            kindState);
    }

    /// <summary>
    /// Puts back a saved state. <paramref name="monotonicOffset"/> moves the alarm's monotonic raise time into this
    /// boot, as if the gateway had never been down. Returns no alarm record: the alarm was already reported.
    /// </summary>
    public void Restore(RuleInstanceSnapshot snapshot, long timestamp, TimeSpan monotonicOffset, List<RuleOutput> outputs)
    {
        ConditionActive = snapshot.ConditionActive;
        if (snapshot.ShelvedRemaining is { } remaining)
        {
            shelvedSince = timestamp;
            shelvedFor = remaining;
            shelvedUntil = lifecycle.TimeProvider.GetUtcNow() + remaining;
            shelvedBy = snapshot.ShelvedBy;
        }

        if (snapshot.Alarm is { IsActive: true } alarm)
        {
            ActiveAlarm = alarm with
            {
                RaisedMonotonic = alarm.RaisedMonotonic + monotonicOffset,
                Latched = definition.IsLatched,
                ShelvedUntil = IsShelved ? shelvedUntil : null,
            };
            CommandsIssued = snapshot.CommandsIssued;
            if (CommandsIssued)
            {
                lifecycle.ReassertCommands(definition, ActiveAlarm, outputs);
            }
        }

        RestorePending(snapshot, timestamp);
        RestoreKindState(snapshot.KindState);
    }

    /// <summary>
    /// Records that the condition holds and raises the alarm unless one is active. Outside the rule's armed schedule it
    /// does nothing, so the kind evaluates the condition again on its next sample.
    /// </summary>
    protected void RaiseCondition(PointValue value, AlarmMessage message, long timestamp, List<RuleOutput> outputs)
    {
        if (ActiveAlarm is null && definition.Armed is { } armed && !armed.Contains(lifecycle.TimeProvider.GetUtcNow()))
        {
            return;
        }

        ConditionActive = true;
        if (ActiveAlarm is { } alarm)
        {
            if (alarm.ConditionClearedAt is not null)
            {
                ActiveAlarm = alarm with { ConditionClearedAt = null, ValueAtClear = null, ClearMessage = null };
                outputs.Add(new AlarmChanged(ActiveAlarm, AlarmChange.ConditionReturned));
            }

            return;
        }

        ActiveAlarm = lifecycle.Raise(definition, value, message, timestamp, IsShelved ? shelvedUntil : null, outputs);
        if (IsShelved)
        {
            Log.RaisedWhileShelved(lifecycle.Logger, ActiveAlarm.AlarmId, definition.Id);
            return;
        }

        lifecycle.IssueCommands(definition, ActiveAlarm, outputs);
        CommandsIssued = true;
    }

    /// <summary>Records that the condition is gone; clears the alarm, or leaves a latched one waiting for its reset.</summary>
    protected void ClearCondition(PointValue value, AlarmMessage message, long timestamp, List<RuleOutput> outputs)
    {
        ConditionActive = false;
        if (ActiveAlarm is not { } alarm || alarm.ConditionClearedAt is not null)
        {
            return;
        }

        if (alarm.Latched)
        {
            ActiveAlarm = alarm with
            {
                ConditionClearedAt = lifecycle.TimeProvider.GetUtcNow(),
                ValueAtClear = value,
                ClearMessage = message,
            };
            Log.AwaitingReset(lifecycle.Logger, alarm.AlarmId, definition.Id);
            outputs.Add(new AlarmChanged(ActiveAlarm, AlarmChange.ConditionCleared));
            return;
        }

        FinishClear(alarm, value, message, timestamp, outputs);
    }

    protected virtual void CompleteKindDue(long timestamp, List<RuleOutput> outputs)
    {
    }

    protected virtual TimeSpan? KindDueIn(long timestamp) => null;

    protected virtual (TimeSpan? Elapsed, PointValue? Value) SnapshotPending(long timestamp) => (null, null);

    protected virtual void RestorePending(RuleInstanceSnapshot snapshot, long timestamp)
    {
    }

    protected virtual string? SnapshotKindState() => null;

    protected virtual void RestoreKindState(string? kindState)
    {
    }

    /// <summary>Converts a monotonic duration into a timestamp <paramref name="elapsed"/> before <paramref name="timestamp"/>.</summary>
    protected long TimestampBefore(long timestamp, TimeSpan elapsed) =>
        timestamp - (long)(elapsed.TotalSeconds * lifecycle.TimeProvider.TimestampFrequency);

    /// <summary>Logs a good-quality sample whose value the rule cannot read, once per run of such samples.</summary>
    protected void ReportUnusableValue(Sample sample, string expectedValue)
    {
        if (sample.Quality != Quality.Good || reportedUnusable)
        {
            return;
        }

        reportedUnusable = true;
        Log.ValueNotUsable(
            lifecycle.Logger, definition.Id, sample.Point, sample.Value.Kind, sample.Value, expectedValue);
    }

    protected void ResetUnusableReport() => reportedUnusable = false;

    private void FinishClear(Alarm alarm, PointValue value, AlarmMessage message, long timestamp, List<RuleOutput> outputs)
    {
        ActiveAlarm = null;
        lifecycle.Clear(definition, alarm, value, message, timestamp, CommandsIssued, outputs);
        CommandsIssued = false;
    }

    private void EndShelving(List<RuleOutput> outputs)
    {
        shelvedSince = null;
        shelvedBy = null;
        if (ActiveAlarm is not { } alarm)
        {
            outputs.Add(new RuleShelved(definition.Id, null, null));
            return;
        }

        ActiveAlarm = alarm with { ShelvedUntil = null };
        outputs.Add(new AlarmChanged(ActiveAlarm, AlarmChange.Unshelved));

        // An alarm raised during the shelving gets its actions once the shelving ends, if the condition still holds.
        if (!CommandsIssued && ConditionActive)
        {
            lifecycle.IssueCommands(definition, ActiveAlarm, outputs);
            CommandsIssued = true;
        }
    }
}
