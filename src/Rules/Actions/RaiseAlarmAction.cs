using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Rules.Actions;

/// <summary>
/// Raises a named alarm besides the rule's own (<c>raiseAlarm</c>), such as one building-wide air-quality alarm for
/// every classroom's CO2 rule. The named alarm is one alarm however many rule instances raise it. It clears when the
/// alarms of all those instances have cleared; when latched, it then waits for an on-site reset.
/// </summary>
public sealed record RaiseAlarmAction : RuleAction
{
    /// <exception cref="ArgumentException">The name is blank, or the severity is not defined.</exception>
    public RaiseAlarmAction(string name, AlarmSeverity severity, LocalizedText text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(text);
        if (!Enum.IsDefined(severity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, $"Named alarm '{name}' has an unknown severity.");
        }

        Name = name;
        Severity = severity;
        Text = text;
    }

    /// <summary>Alarm id within the site; it is the rule id of the alarm records and must differ from every rule id.</summary>
    public string Name { get; }

    public AlarmSeverity Severity { get; }

    /// <summary>Operator text of the alarm in zh-CN and en.</summary>
    public LocalizedText Text { get; }

    /// <summary>Whether the alarm stays active after the last raising instance clears, until an on-site reset (default false).</summary>
    public bool Latched { get; init; }
}
