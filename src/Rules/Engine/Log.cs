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
    public static partial void OutputStillHeld(ILogger logger, string ruleId, PointId output, PointValue value);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning,
        Message = "Rule {RuleId} does not set {Output} to {Value}: rule {HoldingRuleId} outranks it and holds the output at {HeldValue}")]
    public static partial void OutputOverridden(ILogger logger, string ruleId, PointId output, PointValue value, string holdingRuleId, PointValue heldValue);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information,
        Message = "Alarm {AlarmId} of rule {RuleId} acknowledged from {Origin} by '{AcknowledgedBy}'")]
    public static partial void AlarmAcknowledged(ILogger logger, string alarmId, string ruleId, Alarms.RequestOrigin origin, string acknowledgedBy);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information,
        Message = "The condition of latched alarm {AlarmId} (rule {RuleId}) cleared; the alarm stays active until an on-site acknowledgement")]
    public static partial void AwaitingReset(ILogger logger, string alarmId, string ruleId);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information,
        Message = "Rule {RuleId} shelved for {DurationSeconds} s by '{ShelvedBy}'")]
    public static partial void RuleShelved(ILogger logger, string ruleId, double durationSeconds, string shelvedBy);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information,
        Message = "The shelving of rule {RuleId} expired")]
    public static partial void ShelvingExpired(ILogger logger, string ruleId);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning,
        Message = "Alarm {AlarmId} raised by shelved rule {RuleId}; its actions wait until the shelving ends")]
    public static partial void RaisedWhileShelved(ILogger logger, string alarmId, string ruleId);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Warning,
        Message = "Command from {Origin} to set {Target} to {Value} rejected: life-safety rule {RuleId} (alarm {AlarmId}) holds it at {HeldValue}")]
    public static partial void CommandRejected(ILogger logger, Alarms.RequestOrigin origin, PointId target, PointValue value, string ruleId, string alarmId, PointValue heldValue);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Information,
        Message = "Rule state restored from the snapshot of {TakenAt}: {AlarmCount} active alarms, {InstanceCount} rule instances with state")]
    public static partial void StateRestored(ILogger logger, DateTimeOffset takenAt, int alarmCount, int instanceCount);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Warning,
        Message = "The rule snapshot holds state of rule {RuleId}, which the configuration no longer has; alarm {AlarmId} is cleared")]
    public static partial void SnapshotRuleRemoved(ILogger logger, string ruleId, string alarmId);

    [LoggerMessage(EventId = 3017, Level = LogLevel.Warning,
        Message = "Sample of {Point} carries a device time {SourceTime:o} that is {OffsetSeconds} s away from the gateway time {GatewayTime:o}; the device clock is flagged, the gateway time is used")]
    public static partial void SourceTimeOff(ILogger logger, PointId point, DateTimeOffset sourceTime, double offsetSeconds, DateTimeOffset gatewayTime);

    [LoggerMessage(EventId = 3018, Level = LogLevel.Information,
        Message = "Named alarm {AlarmName} ({AlarmId}) is now raised by {RaisedByCount} rule instances: {RaisedBy}")]
    public static partial void NamedAlarmRaisedByChanged(ILogger logger, string alarmName, string alarmId, int raisedByCount, string raisedBy);
}
