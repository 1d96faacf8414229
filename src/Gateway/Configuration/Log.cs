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

    [LoggerMessage(EventId = 1104, EventName = "SecretFileReadableByOthers", Level = LogLevel.Warning,
        Message = "{Key}: group or others may read or write the secret file (mode {Mode}); run chmod 600 {Path} and make the service user its owner")]
    public static partial void SecretFileReadableByOthers(ILogger logger, string key, string path, string mode);

    [LoggerMessage(EventId = 1105, EventName = "ModbusPointMapWarning", Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void ModbusPointMapWarning(ILogger logger, string warning);
}
