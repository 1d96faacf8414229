using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// The condition holds while a good sample of the input equals the active level. A sample without a usable value
/// neither raises nor clears: a fire input that loses its reading keeps its alarm, and the siren, on. A stale rule on
/// the same point turns that silence into a fault alarm. With a debounce, a new level counts only once it has held
/// for the debounce time.
/// </summary>
internal sealed class InputRuleState(InputRuleDefinition rule, AlarmLifecycle lifecycle) : RuleState(rule, lifecycle)
{
    private long? pendingSince;
    private PointValue pendingValue;

    public override void Evaluate(Sample sample, long timestamp, List<RuleOutput> outputs)
    {
        if (!TryReadLevel(sample, out var level))
        {
            ReportUnusableValue(sample, "a boolean, or the number 0 or 1");
            return;
        }

        ResetUnusableReport();
        CompleteKindDue(timestamp, outputs);

        if (level == (ConditionActive ? rule.ActiveLevel : !rule.ActiveLevel))
        {
            // The sample confirms the level the rule already acts on, so a pending change was a glitch.
            pendingSince = null;
            return;
        }

        if (rule.Debounce == TimeSpan.Zero)
        {
            Apply(level, sample.Value, timestamp, outputs);
            return;
        }

        if (pendingSince is null || pendingValue.Boolean != level)
        {
            pendingSince = timestamp;
            pendingValue = PointValue.FromBoolean(level);
        }

        CompleteKindDue(timestamp, outputs);
    }

    protected override void CompleteKindDue(long timestamp, List<RuleOutput> outputs)
    {
        if (pendingSince is not { } since || Lifecycle.TimeProvider.GetElapsedTime(since, timestamp) < rule.Debounce)
        {
            return;
        }

        pendingSince = null;
        Apply(pendingValue.Boolean, pendingValue, timestamp, outputs);
    }

    protected override TimeSpan? KindDueIn(long timestamp)
    {
        if (pendingSince is not { } since)
        {
            return null;
        }

        var remaining = rule.Debounce - Lifecycle.TimeProvider.GetElapsedTime(since, timestamp);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    protected override (TimeSpan? Elapsed, PointValue? Value) SnapshotPending(long timestamp) =>
        pendingSince is { } since ? (Lifecycle.TimeProvider.GetElapsedTime(since, timestamp), pendingValue) : (null, null);

    protected override void RestorePending(RuleInstanceSnapshot snapshot, long timestamp)
    {
        if (snapshot.PendingElapsed is { } elapsed && snapshot.PendingValue is { Kind: PointValueKind.Boolean } value)
        {
            pendingSince = TimestampBefore(timestamp, elapsed);
            pendingValue = value;
        }
    }

    private void Apply(bool level, PointValue value, long timestamp, List<RuleOutput> outputs)
    {
        if (level == rule.ActiveLevel)
        {
            RaiseCondition(value, AlarmMessages.InputRaised(rule, level), timestamp, outputs);
        }
        else
        {
            ClearCondition(value, AlarmMessages.InputCleared(rule, level), timestamp, outputs);
        }
    }

    // A coil or discrete input read over Modbus may arrive as the number 0 or 1; any other number is not a level.
    private static bool TryReadLevel(Sample sample, out bool level)
    {
        level = false;
        if (sample.Quality != Quality.Good)
        {
            return false;
        }

        switch (sample.Value.Kind)
        {
            case PointValueKind.Boolean:
                level = sample.Value.Boolean;
                return true;

            case PointValueKind.Number when sample.Value.Number is 0 or 1:
                level = sample.Value.Number == 1;
                return true;

            default:
                return false;
        }
    }
}
