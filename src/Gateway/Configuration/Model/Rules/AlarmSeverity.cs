namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>Severity of the alarm a rule raises, most severe first.</summary>
public enum AlarmSeverity
{
    Critical,
    Major,
    Minor,
    Warning,
}
