using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Drivers.Mqtt.Gates;

/// <summary>Log events of access gates, ids 2300-2339.</summary>
internal static partial class GateLog
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "Access gate {GateId} started on campus broker {Host}:{Port}")]
    public static partial void Started(ILogger logger, string gateId, string host, int port);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Gate {GateId} command {CommandId} {Command} from {Source}: {Outcome} {Reason}")]
    public static partial void CommandDone(ILogger logger, string gateId, string commandId, string command, string source, GateCommandOutcome outcome, string reason);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Gate {GateId} is held open by {Holder}; command {Command} from {Source} refused")]
    public static partial void CommandRefusedWhileHeld(ILogger logger, string gateId, string holder, string command, string source);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "Gate {GateId} held open by {Holder} ({HolderCount} holders)")]
    public static partial void Held(ILogger logger, string gateId, string holder, int holderCount);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Warning, Message = "Gate {GateId} released by {Holder}; {HolderCount} holders remain")]
    public static partial void Released(ILogger logger, string gateId, string holder, int holderCount);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Warning, Message = "Rejected payload on {Topic}: {Reason} at byte {ByteOffset} ({Suppressed} similar rejections not logged since the last one)")]
    public static partial void PayloadRejected(ILogger logger, string topic, string reason, long byteOffset, int suppressed);

    [LoggerMessage(EventId = 2306, Level = LogLevel.Warning, Message = "Gate controller {GateId} is offline")]
    public static partial void ControllerOffline(ILogger logger, string gateId);

    [LoggerMessage(EventId = 2307, Level = LogLevel.Information, Message = "Gate controller {GateId} is online")]
    public static partial void ControllerOnline(ILogger logger, string gateId);

    [LoggerMessage(EventId = 2308, Level = LogLevel.Debug, Message = "Acknowledgement {CommandId} from gate {GateId} matches no pending command")]
    public static partial void UnmatchedAck(ILogger logger, string gateId, string commandId);

    [LoggerMessage(EventId = 2309, Level = LogLevel.Error, Message = "Gate {GateId}: the pipeline rejected a sample or event")]
    public static partial void SinkFailed(ILogger logger, string gateId, Exception exception);

    [LoggerMessage(EventId = 2310, Level = LogLevel.Information, Message = "Access gate {GateId} stopped")]
    public static partial void Stopped(ILogger logger, string gateId);
}
