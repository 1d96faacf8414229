using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>Log messages of the rule engine; event ids 3000-3199.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information,
        Message = "Rule engine started with {RuleCount} rules on {PointCount} points")]
    public static partial void EngineStarted(ILogger logger, int ruleCount, int pointCount);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Alarm {AlarmId} raised by rule {RuleId} on {Point}: value {Value}, severity {Severity}")]
    public static partial void AlarmRaised(ILogger logger, string alarmId, string ruleId, PointId point, PointValue value, AlarmSeverity severity);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information,
        Message = "Alarm {AlarmId} of rule {RuleId} cleared on {Point}: value {Value}, active for {ActiveSeconds} s")]
    public static partial void AlarmCleared(ILogger logger, string alarmId, string ruleId, PointId point, PointValue value, double activeSeconds);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug,
        Message = "Rule {RuleId}: {Point} is {Value}, beyond the limit {Limit}; the alarm is raised if it stays there for {DurationSeconds} s")]
    public static partial void DurationStarted(ILogger logger, string ruleId, PointId point, PointValue value, double limit, double durationSeconds);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug,
        Message = "Rule {RuleId}: {Point} is back at {Value} after {ElapsedMilliseconds} ms; pending duration cancelled")]
    public static partial void DurationCancelledByValue(ILogger logger, string ruleId, PointId point, PointValue value, double elapsedMilliseconds);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Debug,
        Message = "Rule {RuleId}: a sample of {Point} without a usable value ({Quality}, {ValueKind}) cancelled the pending duration after {ElapsedMilliseconds} ms")]
    public static partial void DurationCancelledByUnusable(ILogger logger, string ruleId, PointId point, Quality quality, PointValueKind valueKind, double elapsedMilliseconds);

    // Logged once per run of such samples, so that a misconfigured point does not flood the log.
    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning,
        Message = "Rule {RuleId} ignores good samples of {Point} with the {ValueKind} value '{Value}': it needs {ExpectedValue}")]
    public static partial void ValueNotUsable(ILogger logger, string ruleId, PointId point, PointValueKind valueKind, PointValue value, string expectedValue);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Debug,
        Message = "Rule {RuleId} cleared but leaves {Output} at {Value} because another active rule keeps it set")]
    public static partial void OutputStillHeld(ILogger logger, string ruleId, PointId output, bool value);
}
