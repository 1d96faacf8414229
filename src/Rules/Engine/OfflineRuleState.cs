using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// Counts the time since the device's driver reported it offline or faulty, on the monotonic clock. An online event
/// cancels the count and clears the condition.
/// </summary>
internal sealed class OfflineRuleState(OfflineRuleDefinition rule, AlarmLifecycle lifecycle) : RuleState(rule, lifecycle)
{
    private long? offlineSince;

    // Samples never reach this rule: its point is device.offline, which no driver reads.
    public override void Evaluate(Sample sample, long timestamp, List<RuleOutput> outputs)
    {
    }

    public void OnDeviceEvent(string eventType, long timestamp, List<RuleOutput> outputs)
    {
        if (eventType == DeviceEventTypes.Online)
        {
            offlineSince = null;
            if (ConditionActive)
            {
                ClearCondition(PointValue.FromBoolean(true), new AlarmMessage("DeviceOnline", [rule.Device]), timestamp, outputs);
            }

            return;
        }

        offlineSince ??= timestamp;
        CompleteKindDue(timestamp, outputs);
    }

    protected override void CompleteKindDue(long timestamp, List<RuleOutput> outputs)
    {
        if (ConditionActive || offlineSince is not { } since || Lifecycle.TimeProvider.GetElapsedTime(since, timestamp) < rule.For)
        {
            return;
        }

        RaiseCondition(PointValue.FromBoolean(false), new AlarmMessage("DeviceOffline", [rule.Device, rule.For]), timestamp, outputs);
    }

    protected override TimeSpan? KindDueIn(long timestamp)
    {
        if (ConditionActive || offlineSince is not { } since)
        {
            return null;
        }

        var remaining = rule.For - Lifecycle.TimeProvider.GetElapsedTime(since, timestamp);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    protected override (TimeSpan? Elapsed, PointValue? Value) SnapshotPending(long timestamp) =>
        !ConditionActive && offlineSince is { } since
            ? (Lifecycle.TimeProvider.GetElapsedTime(since, timestamp), PointValue.FromBoolean(false))
            : (null, null);

    protected override void RestorePending(RuleInstanceSnapshot snapshot, long timestamp)
    {
        if (snapshot.PendingElapsed is { } elapsed && !ConditionActive)
        {
            offlineSince = TimestampBefore(timestamp, elapsed);
        }
    }
}
