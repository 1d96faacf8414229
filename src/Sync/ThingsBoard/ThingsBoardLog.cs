using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Sync.ThingsBoard;

/// <summary>Log messages of the ThingsBoard uplink profile; event ids 4130-4141. None of them carries the access token.</summary>
internal static partial class ThingsBoardLog
{
    [LoggerMessage(EventId = 4130, EventName = "ThingsBoardConnecting", Level = LogLevel.Information,
        Message = "Connecting to ThingsBoard {Host}:{Port} as gateway {ClientId} (MQTT {ProtocolVersion}, TLS {UseTls}, access token from {AccessTokenFile}), attempt {Attempt}")]
    public static partial void Connecting(ILogger logger, string host, int port, string clientId, string protocolVersion, bool useTls, string accessTokenFile, long attempt);

    [LoggerMessage(EventId = 4131, EventName = "ThingsBoardConnected", Level = LogLevel.Information,
        Message = "Connected to ThingsBoard {Host}:{Port} (session present {SessionPresent}); announced {Devices} devices, {Pending} records waiting")]
    public static partial void Connected(ILogger logger, string host, int port, bool sessionPresent, int devices, long pending);

    [LoggerMessage(EventId = 4132, EventName = "ThingsBoardLinkFailed", Level = LogLevel.Warning,
        Message = "ThingsBoard link to {Host}:{Port} failed while {Stage}; the records stay in the outbox and are sent again after reconnecting: {Error}")]
    public static partial void LinkFailed(ILogger logger, string host, int port, string stage, string error, Exception? exception);

    [LoggerMessage(EventId = 4133, EventName = "ThingsBoardRetry", Level = LogLevel.Information,
        Message = "Reconnecting to ThingsBoard in {DelayMilliseconds} ms (failure {Failures} in a row)")]
    public static partial void Retry(ILogger logger, long delayMilliseconds, int failures);

    [LoggerMessage(EventId = 4134, EventName = "ThingsBoardBatchSent", Level = LogLevel.Debug,
        Message = "Sent {Count} {Lane} records (sequences {FirstSequence}-{LastSequence}) as {Messages} ThingsBoard messages, {Bytes} bytes, in {ElapsedMilliseconds} ms")]
    public static partial void BatchSent(ILogger logger, int count, string lane, long firstSequence, long lastSequence, int messages, int bytes, double elapsedMilliseconds);

    [LoggerMessage(EventId = 4135, EventName = "ThingsBoardDeadLettered", Level = LogLevel.Error,
        Message = "Moved {Count} {Lane} records (sequences {FirstSequence}-{LastSequence}) to the dead-letter collection: {Reason}")]
    public static partial void DeadLettered(ILogger logger, int count, string lane, long firstSequence, long lastSequence, string reason);

    [LoggerMessage(EventId = 4136, EventName = "ThingsBoardRpcAudited", Level = LogLevel.Information,
        Message = "ThingsBoard RPC {RequestId} to {Device}, method {Method}: {Status} {Reason}")]
    public static partial void RpcAudited(ILogger logger, string device, string requestId, string method, string status, string reason);

    [LoggerMessage(EventId = 4137, EventName = "ThingsBoardRpcHandlerFailed", Level = LogLevel.Error,
        Message = "The handler of ThingsBoard RPC {CommandId} (method {Method}) failed")]
    public static partial void RpcHandlerFailed(ILogger logger, string commandId, string method, Exception exception);

    [LoggerMessage(EventId = 4138, EventName = "ThingsBoardRpcNotAnswered", Level = LogLevel.Warning,
        Message = "A ThingsBoard RPC on {Topic} was not answered: {Error}")]
    public static partial void RpcNotAnswered(ILogger logger, string topic, string error, Exception? exception);

    [LoggerMessage(EventId = 4139, EventName = "ThingsBoardStopped", Level = LogLevel.Information,
        Message = "ThingsBoard uplink stopped; {RecordsSent} records sent since start, {Pending} records left in the outbox")]
    public static partial void Stopped(ILogger logger, long recordsSent, long pending);

    [LoggerMessage(EventId = 4140, EventName = "ThingsBoardAttributeApplied", Level = LogLevel.Information,
        Message = "ThingsBoard shared attribute {Key} of {Device}: {Status} {Reason}")]
    public static partial void AttributeApplied(ILogger logger, string device, string key, string status, string reason);

    [LoggerMessage(EventId = 4141, EventName = "ThingsBoardAttributeIgnored", Level = LogLevel.Warning,
        Message = "Ignored ThingsBoard shared attributes of {Device}: {Reason}")]
    public static partial void AttributeIgnored(ILogger logger, string device, string reason);
}
