using System.Globalization;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;
using SmartCampus.Edge.Rules.State;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// Follows the debounced value of a point. An equals rule holds while that value equals the rule's value; a change or
/// edge rule triggers on the step between two accepted values and holds for its clear-after time. Samples without a
/// good value neither raise nor clear and do not count as a change.
/// </summary>
internal sealed class StateRuleState(StateRuleDefinition rule, AlarmLifecycle lifecycle) : RuleState(rule, lifecycle)
{
    private PointValue? current;
    private long? pendingSince;
    private PointValue pendingValue;
    private long? triggeredAt;

    public override void Evaluate(Sample sample, long timestamp, List<RuleOutput> outputs)
    {
        CompleteKindDue(timestamp, outputs);
        if (!TryRead(sample, out var value))
        {
            ReportUnusableValue(sample, NeededValue());
            return;
        }

        ResetUnusableReport();
        if (current is { } accepted && Same(accepted, value))
        {
            // The sample confirms the value the rule acts on, so a pending change was a glitch.
            pendingSince = null;
            RetryEqualTo(timestamp, outputs);
            return;
        }

        if (rule.Debounce == TimeSpan.Zero)
        {
            Accept(value, timestamp, outputs);
            return;
        }

        if (pendingSince is null || !Same(pendingValue, value))
        {
            pendingSince = timestamp;
            pendingValue = value;
        }

        CompleteKindDue(timestamp, outputs);
    }

    protected override void CompleteKindDue(long timestamp, List<RuleOutput> outputs)
    {
        if (pendingSince is { } since && Lifecycle.TimeProvider.GetElapsedTime(since, timestamp) >= rule.Debounce)
        {
            pendingSince = null;
            Accept(pendingValue, timestamp, outputs);
        }

        if (rule.IsMomentary && ConditionActive && triggeredAt is { } triggered
            && Lifecycle.TimeProvider.GetElapsedTime(triggered, timestamp) >= rule.ClearAfter)
        {
            triggeredAt = null;
            var value = current ?? PointValue.None;
            ClearCondition(value, new AlarmMessage("StateChangeCleared", [rule.Point.ToString(), value.ToString()]), timestamp, outputs);
        }
    }

    protected override TimeSpan? KindDueIn(long timestamp)
    {
        TimeSpan? due = null;
        if (pendingSince is { } since)
        {
            due = rule.Debounce - Lifecycle.TimeProvider.GetElapsedTime(since, timestamp);
        }

        if (rule.IsMomentary && ConditionActive && triggeredAt is { } triggered)
        {
            var clearDue = rule.ClearAfter - Lifecycle.TimeProvider.GetElapsedTime(triggered, timestamp);
            due = due is { } other && other < clearDue ? other : clearDue;
        }

        return due is { } remaining && remaining < TimeSpan.Zero ? TimeSpan.Zero : due;
    }

    protected override (TimeSpan? Elapsed, PointValue? Value) SnapshotPending(long timestamp) =>
        pendingSince is { } since ? (Lifecycle.TimeProvider.GetElapsedTime(since, timestamp), pendingValue) : (null, null);

    protected override void RestorePending(RuleInstanceSnapshot snapshot, long timestamp)
    {
        if (snapshot.PendingElapsed is { } elapsed && snapshot.PendingValue is { Kind: not PointValueKind.None } value)
        {
            pendingSince = TimestampBefore(timestamp, elapsed);
            pendingValue = value;
        }
    }

    // "<ticks since the trigger, or empty>|<accepted value>", so a restart neither loses the baseline of a change
    // rule (and reports a change that happened while the gateway was down) nor keeps a momentary alarm forever.
    protected override string? SnapshotKindState()
    {
        if (current is null && triggeredAt is null)
        {
            return null;
        }

        var now = Lifecycle.TimeProvider.GetTimestamp();
        var age = triggeredAt is { } triggered
            ? Lifecycle.TimeProvider.GetElapsedTime(triggered, now).Ticks.ToString(CultureInfo.InvariantCulture)
            : string.Empty;
        return $"{age}|{Encode(current)}";
    }

    protected override void RestoreKindState(string? kindState)
    {
        if (string.IsNullOrEmpty(kindState) || kindState.IndexOf('|', StringComparison.Ordinal) is var bar && bar < 0)
        {
            return;
        }

        var now = Lifecycle.TimeProvider.GetTimestamp();
        if (long.TryParse(kindState.AsSpan(0, bar), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) && ticks >= 0)
        {
            triggeredAt = TimestampBefore(now, TimeSpan.FromTicks(ticks));
        }

        current = Decode(kindState[(bar + 1)..]);
    }

    private void Accept(PointValue value, long timestamp, List<RuleOutput> outputs)
    {
        var previous = current;
        current = value;
        switch (rule.Trigger)
        {
            case StateTrigger.EqualTo:
                ApplyEqualTo(value, timestamp, outputs);
                break;

            case StateTrigger.Changes when previous is not null:
            case StateTrigger.Rising when previous is { Boolean: false } && value.Boolean:
            case StateTrigger.Falling when previous is { Boolean: true } && !value.Boolean:
                Trigger(previous.Value, value, timestamp, outputs);
                break;
        }
    }

    private void ApplyEqualTo(PointValue value, long timestamp, List<RuleOutput> outputs)
    {
        var point = rule.Point.ToString();
        if (Same(value, rule.Value))
        {
            RaiseCondition(value, new AlarmMessage("StateEquals", [point, value.ToString()]), timestamp, outputs);
        }
        else if (ConditionActive)
        {
            ClearCondition(value, new AlarmMessage("StateEqualsCleared", [point, value.ToString(), rule.Value.ToString()]), timestamp, outputs);
        }
    }

    // A value already at the rule's value raised nothing while the rule was disarmed; each confirming sample tries again.
    private void RetryEqualTo(long timestamp, List<RuleOutput> outputs)
    {
        if (rule.Trigger == StateTrigger.EqualTo && !ConditionActive && ActiveAlarm is null && current is { } value && Same(value, rule.Value))
        {
            ApplyEqualTo(value, timestamp, outputs);
        }
    }

    private void Trigger(PointValue previous, PointValue value, long timestamp, List<RuleOutput> outputs)
    {
        RaiseCondition(value, new AlarmMessage("StateChanged", [rule.Point.ToString(), previous.ToString(), value.ToString()]), timestamp, outputs);
        if (ConditionActive)
        {
            triggeredAt = timestamp;
        }
    }

    private string NeededValue() => rule.Trigger switch
    {
        StateTrigger.Rising or StateTrigger.Falling => "a boolean, or the number 0 or 1",
        StateTrigger.EqualTo => $"a {rule.Value.Kind} value",
        _ => "a value",
    };

    // Edges and boolean comparisons read the numbers 0 and 1 as levels, as a Modbus coil may deliver them.
    private bool TryRead(Sample sample, out PointValue value)
    {
        value = sample.Value;
        if (sample.Quality != Quality.Good || value.Kind == PointValueKind.None)
        {
            return false;
        }

        // NaN and infinity are failed readings, not values: they would count as a change and cannot be saved as JSON.
        if (value.Kind == PointValueKind.Number && !double.IsFinite(value.Number))
        {
            return false;
        }

        var wantsLevel = rule.Trigger is StateTrigger.Rising or StateTrigger.Falling
            || rule.Value.Kind == PointValueKind.Boolean;
        if (!wantsLevel || value.Kind == PointValueKind.Boolean)
        {
            return true;
        }

        if (value.Kind == PointValueKind.Number && value.Number is 0 or 1)
        {
            value = PointValue.FromBoolean(value.Number == 1);
            return true;
        }

        return false;
    }

    private static bool Same(PointValue left, PointValue right) => left.Kind == right.Kind && left.Kind switch
    {
        PointValueKind.Number => left.Number.Equals(right.Number),
        PointValueKind.Boolean => left.Boolean == right.Boolean,
        PointValueKind.Text => string.Equals(left.Text, right.Text, StringComparison.Ordinal),
        _ => true,
    };

    private static string Encode(PointValue? value) => value switch
    {
        { Kind: PointValueKind.Boolean } v => v.Boolean ? "b1" : "b0",
        { Kind: PointValueKind.Number } v => "n" + v.Number.ToString("R", CultureInfo.InvariantCulture),
        { Kind: PointValueKind.Text } v => "t" + v.Text,
        _ => string.Empty,
    };

    private static PointValue? Decode(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        return text[0] switch
        {
            'b' => PointValue.FromBoolean(text == "b1"),
            'n' when double.TryParse(text.AsSpan(1), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => PointValue.FromNumber(number),
            't' => PointValue.FromText(text[1..]),
            _ => null,
        };
    }
}
