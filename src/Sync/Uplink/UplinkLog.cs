using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>Log messages of the district uplink; event ids 4100-4199 and, for later additions, 4021-4099. None of them carries the password.</summary>
internal static partial class UplinkLog
{
    /// <summary>Logs a connect attempt; a missing user name reads as "no user name configured", not "(null)".</summary>
    public static void Connecting(ILogger logger, string host, int port, string clientId, string protocolVersion, bool useTls, string? username, long attempt) =>
        ConnectingAs(logger, host, port, clientId, protocolVersion, useTls, string.IsNullOrEmpty(username) ? "no user name configured" : $"user name '{username}'", attempt);

    [LoggerMessage(EventId = 4100, EventName = "UplinkConnecting", Level = LogLevel.Information,
        Message = "Connecting to the district broker {Host}:{Port} as {ClientId} (MQTT {ProtocolVersion}, TLS {UseTls}, {Username}), attempt {Attempt}")]
    private static partial void ConnectingAs(ILogger logger, string host, int port, string clientId, string protocolVersion, bool useTls, string username, long attempt);

    [LoggerMessage(EventId = 4101, EventName = "UplinkConnected", Level = LogLevel.Information,
        Message = "Connected to the district broker {Host}:{Port} (session present {SessionPresent}); {Pending} records waiting")]
    public static partial void Connected(ILogger logger, string host, int port, bool sessionPresent, long pending);

    [LoggerMessage(EventId = 4102, EventName = "UplinkConnectFailed", Level = LogLevel.Warning,
        Message = "Connecting to the district broker {Host}:{Port} failed: {Error}")]
    public static partial void ConnectFailed(ILogger logger, string host, int port, string error);

    [LoggerMessage(EventId = 4103, EventName = "UplinkConnectRejected", Level = LogLevel.Error,
        Message = "The district broker {Host}:{Port} rejected the connection: {Error}. Check district.clientId, district.username and district.password or district.passwordFile in campus.yaml")]
    public static partial void ConnectRejected(ILogger logger, string host, int port, string error);

    [LoggerMessage(EventId = 4104, EventName = "UplinkDisconnected", Level = LogLevel.Warning,
        Message = "Disconnected from the district broker {Host}:{Port} (reason {Reason}): {Error}")]
    public static partial void Disconnected(ILogger logger, string host, int port, string reason, string error);

    [LoggerMessage(EventId = 4105, EventName = "UplinkRetry", Level = LogLevel.Information,
        Message = "Reconnecting to the district broker in {DelayMilliseconds} ms (failure {Failures} in a row)")]
    public static partial void Retry(ILogger logger, long delayMilliseconds, int failures);

    [LoggerMessage(EventId = 4106, EventName = "UplinkPublishFailed", Level = LogLevel.Warning,
        Message = "Sending a batch to the district broker failed; the records stay in the outbox and are sent again after reconnecting: {Error}")]
    public static partial void PublishFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 4107, EventName = "UplinkPublishRejected", Level = LogLevel.Error,
        Message = "The district broker rejected a batch; the records stay in the outbox and are retried: {Error}")]
    public static partial void PublishRejected(ILogger logger, string error);

    [LoggerMessage(EventId = 4108, EventName = "UplinkBatchSent", Level = LogLevel.Debug,
        Message = "Sent {Count} {Lane} records (sequences {FirstSequence}-{LastSequence}, {Bytes} bytes) in {ElapsedMilliseconds} ms")]
    public static partial void BatchSent(ILogger logger, int count, string lane, long firstSequence, long lastSequence, int bytes, double elapsedMilliseconds);

    [LoggerMessage(EventId = 4109, EventName = "UplinkBacklogSent", Level = LogLevel.Information,
        Message = "Outbox drained after connecting: {Records} records sent in {ElapsedMilliseconds} ms")]
    public static partial void BacklogSent(ILogger logger, long records, double elapsedMilliseconds);

    [LoggerMessage(EventId = 4110, EventName = "UplinkStopped", Level = LogLevel.Information,
        Message = "District uplink stopped; {RecordsSent} records sent since start, {Pending} records left in the outbox")]
    public static partial void Stopped(ILogger logger, long recordsSent, long pending);

    [LoggerMessage(EventId = 4111, EventName = "UplinkStatusFailed", Level = LogLevel.Warning,
        Message = "Publishing the {Status} status to the district broker failed: {Error}")]
    public static partial void StatusFailed(ILogger logger, string status, string error);

    [LoggerMessage(EventId = 4112, EventName = "UplinkInvalidPayload", Level = LogLevel.Error,
        Message = "Outbox record {Sequence} ({Lane}, type {Type}) has a payload that is not valid JSON; it is sent as payloadBase64")]
    public static partial void InvalidPayload(ILogger logger, long sequence, string lane, string type, Exception exception);

    [LoggerMessage(EventId = 4113, EventName = "UplinkUnexpectedError", Level = LogLevel.Error,
        Message = "District uplink failed unexpectedly; reconnecting")]
    public static partial void UnexpectedError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4114, EventName = "UplinkDisconnectFailed", Level = LogLevel.Debug,
        Message = "Sending DISCONNECT to the district broker failed; the connection is dropped anyway: {Error}")]
    public static partial void DisconnectFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 4116, EventName = "UplinkDeadLettered", Level = LogLevel.Error,
        Message = "Moved {Count} {Lane} records (sequences {FirstSequence}-{LastSequence}) to the dead-letter collection: {Reason}")]
    public static partial void DeadLettered(ILogger logger, int count, string lane, long firstSequence, long lastSequence, string reason);

    [LoggerMessage(EventId = 4117, EventName = "UplinkTlsRejected", Level = LogLevel.Error,
        Message = "The district broker's TLS certificate {Subject} was rejected ({Errors}); check TlsCaFile and the broker host name")]
    public static partial void TlsRejected(ILogger logger, string subject, string errors);

    [LoggerMessage(EventId = 4118, EventName = "DownlinkSubscribeRejected", Level = LogLevel.Error,
        Message = "The district broker did not grant the command subscription {Topic} ({ResultCode}); reconnecting")]
    public static partial void SubscribeRejected(ILogger logger, string topic, string resultCode);

    [LoggerMessage(EventId = 4119, EventName = "DownlinkCommandAudited", Level = LogLevel.Information,
        Message = "District command {CommandId} of type {CommandType} from {Origin}: {Status} {Reason}")]
    public static partial void CommandAudited(ILogger logger, string commandId, string commandType, string origin, string status, string reason);

    /// <summary>Event id of <see cref="CommandHandlerFailed"/>, which the command result names so that an operator finds the details.</summary>
    public const int CommandHandlerFailedId = 4120;

    [LoggerMessage(EventId = CommandHandlerFailedId, EventName = "DownlinkHandlerFailed", Level = LogLevel.Error,
        Message = "The handler of district command {CommandId} of type {CommandType} failed")]
    public static partial void CommandHandlerFailed(ILogger logger, string commandId, string commandType, Exception exception);

    [LoggerMessage(EventId = 4121, EventName = "DownlinkReplyFailed", Level = LogLevel.Warning,
        Message = "Answering or acknowledging district command {CommandId} failed; the broker sends it again and the ledger answers it as a duplicate: {Error}")]
    public static partial void ReplyFailed(ILogger logger, string commandId, string error);

    [LoggerMessage(EventId = 4122, EventName = "DownlinkCommandNotRecorded", Level = LogLevel.Error,
        Message = "A district command on {Topic} could not be recorded in the ledger; it is left unacknowledged and comes again after a reconnect")]
    public static partial void CommandNotRecorded(ILogger logger, string topic, Exception exception);

    [LoggerMessage(EventId = 4123, EventName = "UplinkStatusSourceFailed", Level = LogLevel.Warning,
        Message = "The gateway status source failed; the status is published without version, devices and alarms")]
    public static partial void StatusSourceFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4021, EventName = "UplinkDeleteFailed", Level = LogLevel.Warning,
        Message = "Deleting an acknowledged batch from the outbox failed; its records stay and are sent again")]
    public static partial void DeleteFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4124, EventName = "AlarmConnectionConnected", Level = LogLevel.Information,
        Message = "Alarm connection to the district broker {Host}:{Port} is up as {ClientId}")]
    public static partial void AlarmConnected(ILogger logger, string host, int port, string clientId);

    [LoggerMessage(EventId = 4125, EventName = "AlarmConnectionFailed", Level = LogLevel.Warning,
        Message = "Alarm connection to the district broker {Host}:{Port} as {ClientId} failed, retrying in {DelayMilliseconds} ms (attempt {Attempt}); alarms still go on the main connection: {Error}")]
    public static partial void AlarmConnectionFailed(ILogger logger, string host, int port, string clientId, long delayMilliseconds, int attempt, string error);

    [LoggerMessage(EventId = 4128, EventName = "AlarmConnectionRetrySoon", Level = LogLevel.Debug,
        Message = "Alarm connection to the district broker {Host}:{Port} as {ClientId} failed again while an alarm waits, retrying in {DelayMilliseconds} ms (attempt {Attempt}): {Error}")]
    public static partial void AlarmConnectionRetrySoon(ILogger logger, string host, int port, string clientId, long delayMilliseconds, int attempt, string error);

    [LoggerMessage(EventId = 4126, EventName = "AlarmBatchSent", Level = LogLevel.Debug,
        Message = "Sent {Count} alarm records ({FirstSequence} to {LastSequence}) on the alarm connection in {ElapsedMilliseconds} ms")]
    public static partial void AlarmBatchSent(ILogger logger, int count, long firstSequence, long lastSequence, double elapsedMilliseconds);

    [LoggerMessage(EventId = 4127, EventName = "AlarmBatchLeftToMain", Level = LogLevel.Warning,
        Message = "Alarm records {FirstSequence} to {LastSequence} are left to the main connection: {Reason}")]
    public static partial void AlarmBatchLeftToMain(ILogger logger, long firstSequence, long lastSequence, string reason);
}
