using System.Net;
using Microsoft.Extensions.Logging;
using MQTTnet.Server;

namespace SmartCampus.Edge.Gateway.CampusBroker;

/// <summary>Log events of the embedded campus broker, ids 1300-1399. No event carries a password.</summary>
internal static partial class CampusBrokerLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Campus broker listening on {Address}:{Port} with {AccountCount} accounts, at most {MaxPendingMessages} queued messages per client")]
    public static partial void Started(ILogger logger, IPAddress address, int port, int accountCount, int maxPendingMessages);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Campus broker stopped after {ConnectionsAccepted} connections, {MessagesReceived} messages received, {MessagesDropped} dropped")]
    public static partial void Stopped(ILogger logger, long connectionsAccepted, long messagesReceived, long messagesDropped);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "Campus broker could not listen on {Address}:{Port}")]
    public static partial void StartFailed(ILogger logger, IPAddress address, int port, Exception exception);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Campus broker client {ClientId} connected as {Username} from {Endpoint}")]
    public static partial void ClientConnected(ILogger logger, string clientId, string username, EndPoint? endpoint);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Information, Message = "Campus broker client {ClientId} ({Username}) disconnected: {DisconnectType}")]
    public static partial void ClientDisconnected(ILogger logger, string clientId, string? username, MqttClientDisconnectType disconnectType);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "Campus broker rejected client {ClientId} (user {Username}) from {Endpoint}: {Reason} ({Suppressed} similar not logged since the last one)")]
    public static partial void ConnectionRejected(ILogger logger, string clientId, string? username, string? endpoint, string reason, int suppressed);

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning, Message = "Campus broker denied publish by {ClientId} ({Username}) on {Topic}: outside the account's topics ({Suppressed} similar not logged since the last one)")]
    public static partial void PublishDenied(ILogger logger, string clientId, string? username, string topic, int suppressed);

    [LoggerMessage(EventId = 1315, Level = LogLevel.Warning, Message = "Campus broker rejected a {PayloadBytes}-byte publish by {ClientId} ({Username}) on {Topic} and closed the connection: the limit is {MaxPayloadBytes} bytes ({Suppressed} similar not logged since the last one)")]
    public static partial void PayloadTooLarge(ILogger logger, string clientId, string? username, string topic, long payloadBytes, int maxPayloadBytes, int suppressed);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Warning, Message = "Campus broker denied subscription by {ClientId} ({Username}) to {TopicFilter}: outside the account's topics ({Suppressed} similar not logged since the last one)")]
    public static partial void SubscriptionDenied(ILogger logger, string clientId, string? username, string topicFilter, int suppressed);

    [LoggerMessage(EventId = 1308, Level = LogLevel.Warning, Message = "Campus broker dropped a message on {Topic} for {ClientId}: its queue of {MaxPendingMessages} messages was full ({TotalDropped} dropped since start, {Suppressed} drops not logged since the last line)")]
    public static partial void MessageDropped(ILogger logger, string clientId, string? topic, int maxPendingMessages, long totalDropped, int suppressed);

    [LoggerMessage(EventId = 1309, Level = LogLevel.Warning, Message = "MQTTnet {Source}: {Message}")]
    public static partial void MqttNetWarning(ILogger logger, string? source, string message, Exception? exception);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Error, Message = "MQTTnet {Source}: {Message}")]
    public static partial void MqttNetError(ILogger logger, string? source, string message, Exception? exception);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Error, Message = "Campus broker could not load the TLS certificate {CertificatePath}")]
    public static partial void CertificateFailed(ILogger logger, string certificatePath, Exception exception);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Information, Message = "Campus broker loaded {Count} retained messages from {Path}")]
    public static partial void RetainedLoaded(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 1313, Level = LogLevel.Error, Message = "Campus broker could not read retained messages from {Path}; starting without them")]
    public static partial void RetainedLoadFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1314, Level = LogLevel.Error, Message = "Campus broker could not save retained messages to {Path}; they survive only until the broker stops")]
    public static partial void RetainedSaveFailed(ILogger logger, string path, Exception exception);
}
