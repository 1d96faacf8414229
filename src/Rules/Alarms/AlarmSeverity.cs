namespace SmartCampus.Edge.Rules.Alarms;

/// <summary>Alarm level, most severe first; the site configuration writes it in lower case (<c>critical</c>).</summary>
public enum AlarmSeverity
{
    Critical,
    Major,
    Minor,
    Warning,
}
