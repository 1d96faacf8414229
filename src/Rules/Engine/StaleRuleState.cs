using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// Watches the time since the point's last good sample. The deadline runs from <paramref name="startTimestamp"/>
/// (the engine's construction) until the first good sample, so a point that never reports is caught too.
/// </summary>
internal sealed class StaleRuleState(StaleRuleDefinition rule, AlarmLifecycle lifecycle, long startTimestamp) : RuleState(rule, lifecycle)
{
    private long lastGood = startTimestamp;
    private PointValue lastValue = PointValue.None;

    public override void Evaluate(Sample sample, long timestamp, List<RuleOutput> outputs)
    {
        CompleteKindDue(timestamp, outputs);
        if (sample.Quality != Quality.Good || sample.Value.Kind == PointValueKind.None)
        {
            lastValue = sample.Value;
            return;
        }

        lastGood = timestamp;
        lastValue = sample.Value;
        if (ConditionActive)
        {
            ClearCondition(sample.Value, new AlarmMessage("PointFresh", [rule.Point.ToString()]), timestamp, outputs);
        }
    }

    protected override void CompleteKindDue(long timestamp, List<RuleOutput> outputs)
    {
        if (ConditionActive || Lifecycle.TimeProvider.GetElapsedTime(lastGood, timestamp) < rule.Deadline)
        {
            return;
        }

        RaiseCondition(lastValue, new AlarmMessage("PointStale", [rule.Point.ToString(), rule.Deadline]), timestamp, outputs);
    }

    protected override TimeSpan? KindDueIn(long timestamp)
    {
        if (ConditionActive)
        {
            return null;
        }

        var remaining = rule.Deadline - Lifecycle.TimeProvider.GetElapsedTime(lastGood, timestamp);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    // The silence counted so far is saved, so a restart neither drops a silent input's count nor gives it a fresh deadline.
    protected override (TimeSpan? Elapsed, PointValue? Value) SnapshotPending(long timestamp) =>
        ConditionActive ? (null, null) : (Lifecycle.TimeProvider.GetElapsedTime(lastGood, timestamp), lastValue);

    protected override void RestorePending(RuleInstanceSnapshot snapshot, long timestamp)
    {
        if (snapshot.PendingElapsed is { } elapsed && !ConditionActive)
        {
            lastGood = TimestampBefore(timestamp, elapsed);
        }
    }
}
