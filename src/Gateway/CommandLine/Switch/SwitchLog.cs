using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Gateway.CommandLine.Switch;

/// <summary>Audit records of the <c>switch</c> commands; event ids 1500-1504 of the command-line range.</summary>
internal static partial class SwitchLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, Message = "PoE power-cycle of {DeviceId}.{PointId} started by user {User}: off for {OffMilliseconds} ms")]
    public static partial void PowerCycleStarted(ILogger logger, string deviceId, string pointId, string user, double offMilliseconds);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "PoE power-cycle of {DeviceId}.{PointId} ended: power was off for {ElapsedMilliseconds} ms, read back {Value}")]
    public static partial void PowerCycleDone(ILogger logger, string deviceId, string pointId, double elapsedMilliseconds, string value);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Error, Message = "PoE power-cycle of {DeviceId}.{PointId} failed at step {Step}: {Error}")]
    public static partial void PowerCycleFailed(ILogger logger, string deviceId, string pointId, string step, string? error);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "PoE port {DeviceId}.{PointId} feeds a life-safety device; power-cycle forced by user {User}")]
    public static partial void LifeSafetyForced(ILogger logger, string deviceId, string pointId, string user);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "PoE power-cycle of {DeviceId}.{PointId} cancelled: power was off for {ElapsedMilliseconds} ms, switched on again, read back {Value}")]
    public static partial void PowerCycleCancelled(ILogger logger, string deviceId, string pointId, double elapsedMilliseconds, string value);
}
