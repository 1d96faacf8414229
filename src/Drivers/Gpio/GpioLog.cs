using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>Log events of GPIO devices, ids 2200-2239.</summary>
internal static partial class GpioLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "GPIO device {DeviceId} started with {OpenLines} of {TotalLines} lines open")]
    public static partial void Started(ILogger logger, string deviceId, int openLines, int totalLines);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Error, Message = "GPIO device {DeviceId}: pin {Pin} of point {Point} could not be opened: {Reason}")]
    public static partial void LineOpenFailed(ILogger logger, string deviceId, string point, int pin, string reason, Exception exception);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "GPIO device {DeviceId}: pin {Pin} of point {Point} is open again")]
    public static partial void LineRecovered(ILogger logger, string deviceId, string point, int pin);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "GPIO device {DeviceId}: pin {Pin} of point {Point} is still unavailable, next attempt in {DelaySeconds} s: {Reason}")]
    public static partial void LineStillUnavailable(ILogger logger, string deviceId, string point, int pin, double delaySeconds, string reason);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Information, Message = "GPIO device {DeviceId}: input {Point} (pin {Pin}) is now {Active}")]
    public static partial void InputChanged(ILogger logger, string deviceId, string point, int pin, bool active);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Information, Message = "GPIO device {DeviceId}: output {Point} (pin {Pin}) set to {Active}")]
    public static partial void OutputWritten(ILogger logger, string deviceId, string point, int pin, bool active);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Information, Message = "GPIO device {DeviceId}: output {Point} (pin {Pin}) driven to its safe state {Active} on {Occasion}")]
    public static partial void SafeStateDriven(ILogger logger, string deviceId, string point, int pin, bool active, string occasion);

    [LoggerMessage(EventId = 2207, Level = LogLevel.Error, Message = "GPIO device {DeviceId}: output {Point} (pin {Pin}) could not be driven to its safe state on {Occasion}")]
    public static partial void SafeStateFailed(ILogger logger, string deviceId, string point, int pin, string occasion, Exception exception);

    [LoggerMessage(EventId = 2208, Level = LogLevel.Error, Message = "GPIO device {DeviceId}: write to output {Point} (pin {Pin}) failed")]
    public static partial void WriteFailed(ILogger logger, string deviceId, string point, int pin, Exception exception);

    [LoggerMessage(EventId = 2209, Level = LogLevel.Error, Message = "GPIO device {DeviceId}: the pipeline rejected a sample or event")]
    public static partial void SinkFailed(ILogger logger, string deviceId, Exception exception);

    [LoggerMessage(EventId = 2210, Level = LogLevel.Information, Message = "GPIO device {DeviceId} stopped")]
    public static partial void Stopped(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 2211, Level = LogLevel.Warning, Message = "GPIO device {DeviceId}: input {Point} (pin {Pin}) could not be read at the end of its debounce window")]
    public static partial void InputReadFailed(ILogger logger, string deviceId, string point, int pin, Exception exception);

    [LoggerMessage(EventId = 2212, Level = LogLevel.Warning, Message = "GPIO device {DeviceId}: pin {Pin} of point {Point} could not be released")]
    public static partial void LineCloseFailed(ILogger logger, string deviceId, string point, int pin, Exception exception);
}
