using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Gateway.Configuration;

/// <summary>Log events of the site configuration, ids 1100-1199.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1100, EventName = "ConfigurationLoaded", Level = LogLevel.Information,
        Message = "Site configuration {Source} loaded: {DeviceCount} devices, {RuleCount} rules")]
    public static partial void ConfigurationLoaded(ILogger logger, string source, int deviceCount, int ruleCount);

    [LoggerMessage(EventId = 1101, EventName = "ConfigurationProblem", Level = LogLevel.Warning,
        Message = "Site configuration problem at {Source}:{Line}:{Column} {KeyPath}: {Problem}")]
    public static partial void ConfigurationProblem(ILogger logger, string source, int line, int column, string keyPath, string problem);

    [LoggerMessage(EventId = 1102, EventName = "ConfigurationRejected", Level = LogLevel.Error,
        Message = "Site configuration {Source} rejected with {ProblemCount} problems")]
    public static partial void ConfigurationRejected(ILogger logger, string source, int problemCount);

    [LoggerMessage(EventId = 1103, EventName = "PartialStartPossible", Level = LogLevel.Warning,
        Message = "Site configuration {Source} could start without devices {DeviceIds}, leaving out rules {RuleIds}")]
    public static partial void PartialStartPossible(ILogger logger, string source, string deviceIds, string ruleIds);

    // 1104 and 1105 keep the ids these warnings had before they carried their positions, so that an operator's log
    // filter for an exposed secret file still matches.
    [LoggerMessage(EventId = 1104, EventName = "ConfigurationWarning", Level = LogLevel.Warning,
        Message = "{Source}:{Line}:{Column} {KeyPath}: {Warning}")]
    public static partial void ConfigurationWarning(ILogger logger, string source, int line, int column, string keyPath, string warning);

    [LoggerMessage(EventId = 1105, EventName = "DeviceConfigurationWarning", Level = LogLevel.Warning,
        Message = "{Source}:{Line}:{Column} {KeyPath} (device {DeviceId}): {Warning}")]
    public static partial void DeviceConfigurationWarning(ILogger logger, string source, int line, int column, string keyPath, string deviceId, string warning);

    // Source, Line and Column locate the profile key in the site file, as they locate the value in 1104 and 1105.
    [LoggerMessage(EventId = 1106, EventName = "ProfileConfigurationWarning", Level = LogLevel.Warning,
        Message = "{ProfileFile}:{ProfileLine}:{ProfileColumn} {ProfileKeyPath} (device {DeviceId}, profile {Profile} referenced at {Source}:{Line}:{Column}): {Warning}")]
    public static partial void ProfileConfigurationWarning(
        ILogger logger, string profileFile, int profileLine, int profileColumn, string profileKeyPath, string deviceId, string profile, string source, int line, int column, string warning);

    [LoggerMessage(EventId = 1107, EventName = "ProfileConfigurationProblem", Level = LogLevel.Warning,
        Message = "Site configuration problem at {ProfileFile}:{ProfileLine}:{ProfileColumn} {ProfileKeyPath} (profile {Profile} referenced at {Source}:{Line}:{Column}): {Problem}")]
    public static partial void ProfileConfigurationProblem(
        ILogger logger, string profileFile, int profileLine, int profileColumn, string profileKeyPath, string profile, string source, int line, int column, string problem);

    [LoggerMessage(EventId = 1108, EventName = "StartedWithoutBrokenDevices", Level = LogLevel.Warning,
        Message = "Site configuration {Source} has problems; started without devices {DeviceIds} as chosen, leaving out rules {RuleIds} and running rules {ReducedRuleIds} without their actions on those devices")]
    public static partial void StartedWithoutBrokenDevices(ILogger logger, string source, string deviceIds, string ruleIds, string reducedRuleIds);
}
