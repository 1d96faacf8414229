using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// State of a threshold rule: normal, pending (beyond the limit, waiting for the duration) or active (the condition
/// holds until the value passes the clear level). A value counts
/// until the next sample of the point, so the duration is measured on the monotonic clock from the first sample
/// beyond the limit.
/// A sample without a usable value (bad or stale quality, not a finite number) cancels a pending duration, because
/// an unknown value cannot prove that the condition held. Such a sample leaves an active alarm active.
/// </summary>
internal sealed class ThresholdRuleState(ThresholdRuleDefinition rule, AlarmLifecycle lifecycle) : RuleState(rule, lifecycle)
{
    private long? pendingSince;
    private PointValue pendingValue;

    public override void Evaluate(Sample sample, long timestamp, List<RuleOutput> outputs)
    {
        // A duration that ran out before this sample arrived completes first, as a tick at its due time would have.
        CompleteKindDue(timestamp, outputs);

        if (!TryReadNumber(sample, out var number))
        {
            ReportUnusableValue(sample, "a finite number");
            CancelPending(sample, timestamp);
            return;
        }

        ResetUnusableReport();

        if (ConditionActive)
        {
            if (rule.IsPastClearLevel(number))
            {
                ClearCondition(sample.Value, AlarmMessages.ThresholdCleared(rule, number), timestamp, outputs);
            }

            return;
        }

        if (!rule.IsBeyondLimit(number))
        {
            CancelPending(sample, timestamp);
            return;
        }

        pendingValue = sample.Value;
        if (pendingSince is null)
        {
            pendingSince = timestamp;
            if (rule.For > TimeSpan.Zero)
            {
                var limit = rule.Direction == ThresholdDirection.Outside && !rule.IsAboveLimit(number) ? rule.LowLimit : rule.Limit;
                Log.DurationStarted(Lifecycle.Logger, rule.Id, rule.Point, sample.Value, limit, rule.For.TotalSeconds);
            }
        }

        CompleteKindDue(timestamp, outputs);
    }

    protected override void CompleteKindDue(long timestamp, List<RuleOutput> outputs)
    {
        if (pendingSince is not { } since || Lifecycle.TimeProvider.GetElapsedTime(since, timestamp) < rule.For)
        {
            return;
        }

        pendingSince = null;
        pendingValue.TryGetNumber(out var number);
        RaiseCondition(pendingValue, AlarmMessages.ThresholdRaised(rule, number), timestamp, outputs);
    }

    protected override TimeSpan? KindDueIn(long timestamp)
    {
        if (pendingSince is not { } since)
        {
            return null;
        }

        var remaining = rule.For - Lifecycle.TimeProvider.GetElapsedTime(since, timestamp);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    protected override (TimeSpan? Elapsed, PointValue? Value) SnapshotPending(long timestamp) =>
        pendingSince is { } since ? (Lifecycle.TimeProvider.GetElapsedTime(since, timestamp), pendingValue) : (null, null);

    protected override void RestorePending(RuleInstanceSnapshot snapshot, long timestamp)
    {
        if (snapshot.PendingElapsed is not { } elapsed || snapshot.PendingValue is not { } value || ConditionActive)
        {
            return;
        }

        pendingSince = TimestampBefore(timestamp, elapsed);
        pendingValue = value;
    }

    private static bool TryReadNumber(Sample sample, out double number)
    {
        number = double.NaN;
        if (sample.Quality != Quality.Good || !sample.Value.TryGetNumber(out var value) || !double.IsFinite(value))
        {
            return false;
        }

        number = value;
        return true;
    }

    private void CancelPending(Sample sample, long timestamp)
    {
        if (pendingSince is not { } since)
        {
            return;
        }

        pendingSince = null;
        var elapsedMilliseconds = Lifecycle.TimeProvider.GetElapsedTime(since, timestamp).TotalMilliseconds;
        var point = rule.Point;

        if (TryReadNumber(sample, out _))
        {
            Log.DurationCancelledByValue(Lifecycle.Logger, rule.Id, point, sample.Value, elapsedMilliseconds);
        }
        else
        {
            Log.DurationCancelledByUnusable(
                Lifecycle.Logger, rule.Id, point, sample.Quality, sample.Value.Kind, elapsedMilliseconds);
        }
    }
}
