using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>Run-time state of one rule: at most one active alarm, plus whatever the rule kind tracks.</summary>
internal abstract class RuleState(RuleDefinition definition, AlarmLifecycle lifecycle)
{
    // Set once the rule has logged a sample it cannot use, until a usable one arrives.
    private bool reportedUnusable;

    public RuleDefinition Definition => definition;

    public Alarm? ActiveAlarm { get; protected set; }

    protected AlarmLifecycle Lifecycle => lifecycle;

    /// <summary>Applies one sample of the rule's point, read at <paramref name="timestamp"/>.</summary>
    public abstract void Evaluate(Sample sample, long timestamp, List<RuleOutput> outputs);

    /// <summary>Raises the alarm if a pending duration has run out by <paramref name="timestamp"/>.</summary>
    public virtual void CompleteDue(long timestamp, List<RuleOutput> outputs)
    {
    }

    /// <summary>Time until a pending duration runs out (zero when overdue); null when nothing is pending.</summary>
    public virtual TimeSpan? DueIn(long timestamp) => null;

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
}
