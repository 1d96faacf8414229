using System.Globalization;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>Keeps the monotonic timestamps of the events inside the window, oldest first.</summary>
internal sealed class EventCountRuleState(EventCountRuleDefinition rule, AlarmLifecycle lifecycle) : RuleState(rule, lifecycle)
{
    private readonly Queue<long> events = new();

    // Samples never reach this rule: its point is device.eventType, which no driver reads.
    public override void Evaluate(Sample sample, long timestamp, List<RuleOutput> outputs)
    {
    }

    public void OnEvent(long timestamp, List<RuleOutput> outputs)
    {
        Expire(timestamp);
        events.Enqueue(timestamp);
        if (!ConditionActive && events.Count >= rule.Count)
        {
            RaiseCondition(
                PointValue.FromNumber(events.Count),
                new AlarmMessage("EventCountRaised", [rule.Point.Device, rule.Point.Point, events.Count, rule.Window]),
                timestamp,
                outputs);
        }
    }

    protected override void CompleteKindDue(long timestamp, List<RuleOutput> outputs)
    {
        Expire(timestamp);
        if (ConditionActive && events.Count < rule.Count)
        {
            ClearCondition(
                PointValue.FromNumber(events.Count),
                new AlarmMessage("EventCountCleared", [rule.Point.Device, rule.Point.Point, rule.Window]),
                timestamp,
                outputs);
        }
    }

    protected override TimeSpan? KindDueIn(long timestamp)
    {
        if (!ConditionActive || events.Count == 0)
        {
            return null;
        }

        var remaining = rule.Window - Lifecycle.TimeProvider.GetElapsedTime(events.Peek(), timestamp);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    // The ages of the events inside the window, in ticks, oldest first.
    protected override string? SnapshotKindState()
    {
        if (events.Count == 0)
        {
            return null;
        }

        var now = Lifecycle.TimeProvider.GetTimestamp();
        return string.Join(',', events.Select(at => Lifecycle.TimeProvider.GetElapsedTime(at, now).Ticks.ToString(CultureInfo.InvariantCulture)));
    }

    protected override void RestoreKindState(string? kindState)
    {
        if (string.IsNullOrEmpty(kindState))
        {
            return;
        }

        var now = Lifecycle.TimeProvider.GetTimestamp();
        foreach (var age in kindState.Split(','))
        {
            if (long.TryParse(age, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) && ticks >= 0)
            {
                events.Enqueue(TimestampBefore(now, TimeSpan.FromTicks(ticks)));
            }
        }
    }

    private void Expire(long timestamp)
    {
        while (events.Count > 0 && Lifecycle.TimeProvider.GetElapsedTime(events.Peek(), timestamp) >= rule.Window)
        {
            events.Dequeue();
        }
    }
}
