using Microsoft.Extensions.Logging;
using MQTTnet;

namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>Log events of the class-board hub and its campus broker connection, ids 2240-2299.</summary>
internal static partial class ClassBoardLog
{
    [LoggerMessage(EventId = 2240, Level = LogLevel.Information, Message = "Class-board hub {DeviceId} started for {BoardCount} boards on campus broker {Host}:{Port}")]
    public static partial void Started(ILogger logger, string deviceId, int boardCount, string host, int port);

    [LoggerMessage(EventId = 2241, Level = LogLevel.Information, Message = "Connected to campus broker {Host}:{Port} as client {ClientId} (session present: {SessionPresent})")]
    public static partial void Connected(ILogger logger, string host, int port, string clientId, bool sessionPresent);

    [LoggerMessage(EventId = 2242, Level = LogLevel.Warning, Message = "Connection to campus broker {Host}:{Port} failed (attempt {Attempt}), retrying in {DelaySeconds:F1} s: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, string host, int port, int attempt, double delaySeconds, string reason);

    [LoggerMessage(EventId = 2243, Level = LogLevel.Warning, Message = "Connection to campus broker {Host}:{Port} lost: {Reason}")]
    public static partial void Disconnected(ILogger logger, string host, int port, string reason);

    [LoggerMessage(EventId = 2244, Level = LogLevel.Information, Message = "Subscribed to {TopicFilter} with {ResultCode}")]
    public static partial void Subscribed(ILogger logger, string topicFilter, MqttClientSubscribeResultCode resultCode);

    [LoggerMessage(EventId = 2245, Level = LogLevel.Information, Message = "Class board {BoardId} is online")]
    public static partial void BoardOnline(ILogger logger, string boardId);

    [LoggerMessage(EventId = 2246, Level = LogLevel.Warning, Message = "Class board {BoardId} is offline: no heartbeat for {TimeoutSeconds} s")]
    public static partial void BoardOffline(ILogger logger, string boardId, double timeoutSeconds);

    [LoggerMessage(EventId = 2247, Level = LogLevel.Warning, Message = "Rejected payload on {Topic}: {Reason} at byte {ByteOffset} ({Suppressed} similar rejections not logged since the last one)")]
    public static partial void PayloadRejected(ILogger logger, string topic, string reason, long byteOffset, int suppressed);

    [LoggerMessage(EventId = 2248, Level = LogLevel.Warning, Message = "Heartbeat from board {BoardId} on {Topic} ignored: the board is not in the site configuration ({Suppressed} similar not logged since the last one)")]
    public static partial void UnknownBoard(ILogger logger, string boardId, string topic, int suppressed);

    [LoggerMessage(EventId = 2249, Level = LogLevel.Information, Message = "Notice {NoticeId} (emergency: {Emergency}) sent to {Target}: the broker accepted {Acknowledged} of {Addressed} board messages; each board confirms on its own")]
    public static partial void NoticeSent(ILogger logger, string noticeId, bool emergency, string target, int acknowledged, int addressed);

    [LoggerMessage(EventId = 2250, Level = LogLevel.Error, Message = "Publish to class board {BoardId} on {Topic} failed: {Reason}")]
    public static partial void PublishFailed(ILogger logger, string boardId, string topic, string reason);

    [LoggerMessage(EventId = 2251, Level = LogLevel.Warning, Message = "Notice target {Target} is neither a configured class board nor \"all\"; nothing was sent")]
    public static partial void UnknownTarget(ILogger logger, string target);

    [LoggerMessage(EventId = 2252, Level = LogLevel.Information, Message = "Republished {Count} active emergency notices after connecting")]
    public static partial void EmergenciesRepublished(ILogger logger, int count);

    [LoggerMessage(EventId = 2253, Level = LogLevel.Error, Message = "Class-board hub {DeviceId}: the pipeline rejected a sample or event")]
    public static partial void SinkFailed(ILogger logger, string deviceId, Exception exception);

    [LoggerMessage(EventId = 2254, Level = LogLevel.Information, Message = "Class-board hub {DeviceId} stopped")]
    public static partial void Stopped(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 2255, Level = LogLevel.Information, Message = "Clearing emergency {NoticeId} skipped on board {BoardId}: its active emergency is {ActiveNoticeId}")]
    public static partial void ClearSkipped(ILogger logger, string noticeId, string boardId, string activeNoticeId);

    [LoggerMessage(EventId = 2256, Level = LogLevel.Debug, Message = "Retained heartbeat on {Topic} ignored: a stored heartbeat does not prove that the board is alive now")]
    public static partial void RetainedHeartbeatIgnored(ILogger logger, string topic);

    [LoggerMessage(EventId = 2257, Level = LogLevel.Warning, Message = "Disconnecting from campus broker {Host}:{Port} failed")]
    public static partial void DisconnectFailed(ILogger logger, string host, int port, Exception exception);

    [LoggerMessage(EventId = 2258, Level = LogLevel.Information, Message = "Board command {Command} sent to {Target}: the broker accepted {Acknowledged} of {Addressed} board messages; each board confirms on its own")]
    public static partial void CommandSent(ILogger logger, string command, string target, int acknowledged, int addressed);

    [LoggerMessage(EventId = 2259, Level = LogLevel.Information, Message = "Notice {NoticeId} re-sent to board {BoardId} (attempt {Attempt}); next in {NextDelaySeconds:F0} s without acknowledgement")]
    public static partial void NoticeResent(ILogger logger, string noticeId, string boardId, int attempt, double nextDelaySeconds);

    [LoggerMessage(EventId = 2260, Level = LogLevel.Warning, Message = "Notice {NoticeId} expired on board {BoardId} without acknowledgement after {Attempts} re-sends")]
    public static partial void NoticeExpiredUnacknowledged(ILogger logger, string noticeId, string boardId, int attempts);

    [LoggerMessage(EventId = 2261, Level = LogLevel.Warning, Message = "Notice {NoticeId} dropped from board {BoardId}: more than {Limit} current notices")]
    public static partial void NoticeDropped(ILogger logger, string noticeId, string boardId, int limit);

    [LoggerMessage(EventId = 2262, Level = LogLevel.Debug, Message = "Board {BoardId} acknowledged {Id}")]
    public static partial void Acknowledged(ILogger logger, string boardId, string id);

    [LoggerMessage(EventId = 2263, Level = LogLevel.Information, Message = "Board {BoardId} came online; sending its {Count} current notices")]
    public static partial void CatchUp(ILogger logger, string boardId, int count);

    [LoggerMessage(EventId = 2264, Level = LogLevel.Error, Message = "Message on {Topic} (retained: {Retained}) dropped: its handler failed; the connection stays up ({Suppressed} similar not logged since the last one)")]
    public static partial void HandlerFailed(ILogger logger, string topic, bool retained, int suppressed, Exception exception);

    [LoggerMessage(EventId = 2265, Level = LogLevel.Warning, Message = "Campus broker {Host}:{Port} had no session for client {ClientId} on reconnect; subscribed again, and messages queued while away are lost ({SessionsLost} lost sessions since start)")]
    public static partial void SessionLost(ILogger logger, string host, int port, string clientId, long sessionsLost);

    [LoggerMessage(EventId = 2266, Level = LogLevel.Error, Message = "Session loop on campus broker {Host}:{Port}: {Repeats} connections in a row ended within {ShortSessionSeconds} s, each after the message on {Topic}; reconnecting with a clean session and without retained messages until restart")]
    public static partial void SessionLoop(ILogger logger, string host, int port, int repeats, double shortSessionSeconds, string topic);

    [LoggerMessage(EventId = 2267, Level = LogLevel.Information, Message = "Restored {Count} current class-board notices from {Path}")]
    public static partial void NoticesLoaded(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 2268, Level = LogLevel.Error, Message = "Could not read class-board notices from {Path}; starting without them")]
    public static partial void NoticeStoreLoadFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 2269, Level = LogLevel.Error, Message = "Could not save class-board notices to {Path}; they survive only until the gateway stops")]
    public static partial void NoticeStoreSaveFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 2270, Level = LogLevel.Debug, Message = "PINGRESP from campus broker {Host}:{Port} timed out after {WaitMilliseconds} ms while messages kept arriving, so the connection stays ({Overdue} late pings since start)")]
    public static partial void PingOverdue(ILogger logger, string host, int port, double waitMilliseconds, long overdue);

    [LoggerMessage(EventId = 2271, Level = LogLevel.Warning, Message = "Campus broker {Host}:{Port} sent neither a PINGRESP nor a message for {SilentSeconds} s; closing the connection and connecting again")]
    public static partial void BrokerSilent(ILogger logger, string host, int port, double silentSeconds);

    [LoggerMessage(EventId = 2272, Level = LogLevel.Error, Message = "Rejected the TLS certificate {Subject} of campus broker {Host}:{Port}: {Rejection} (trusted CAs: {CaFile})")]
    public static partial void TlsCertificateRefused(ILogger logger, string host, int port, string subject, CampusTlsRejection rejection, string caFile);

    [LoggerMessage(EventId = 2273, Level = LogLevel.Information, Message = "Class board {BoardId} is offline: re-sends of {Count} unacknowledged notices paused; every current notice is sent again at its next heartbeat")]
    public static partial void ResendsPaused(ILogger logger, string boardId, int count);
}
