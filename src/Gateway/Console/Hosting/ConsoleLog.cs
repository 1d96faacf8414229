using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Gateway.WebConsole.Hosting;

/// <summary>Log messages of the web console; event ids 1400 to 1499.</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Web console listening on {Url}")]
    public static partial void Listening(ILogger logger, string url);

    // The setup code is the one secret logged on purpose: a technician at the box reads it from the journal, and it
    // works once, only until a password is set, and is replaced at every start.
    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Web console has no password yet. One-time setup code: {SetupCode}. Open {Url}/setup and enter it with a new password; the code works once and is replaced at the next start")]
    public static partial void SetupCodeCreated(ILogger logger, string setupCode, string url);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Web console self-signed certificate created at {CertificatePath} for {Address}, valid until {NotAfter}")]
    public static partial void CertificateCreated(ILogger logger, string certificatePath, string address, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Web console login failed for user {Username} from {Client}")]
    public static partial void LoginFailed(ILogger logger, string username, string client);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Web console locked out client {Client} for {LockoutSeconds} s after {FailureCount} failed attempts")]
    public static partial void ClientLockedOut(ILogger logger, string client, double lockoutSeconds, int failureCount);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Information, Message = "Audit: {User} from {Client} {Action} {Target}: {Outcome}")]
    public static partial void Audit(ILogger logger, string user, string client, string action, string target, string outcome);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Warning, Message = "Web console rejected a {Method} to {Path} from {Client}: the anti-forgery token is missing or invalid")]
    public static partial void CsrfRejected(ILogger logger, string method, string path, string client);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Error, Message = "Web console request {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 1408, Level = LogLevel.Error, Message = "Web console audit record could not be stored in the outbox")]
    public static partial void AuditNotStored(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1409, Level = LogLevel.Error, Message = "Output {Point} pulsed from the console could not be set back to {Value}: {Reason}")]
    public static partial void PulseRevertFailed(ILogger logger, string point, bool value, string reason);

    [LoggerMessage(EventId = 1410, Level = LogLevel.Error, Message = "Point history recorder failed")]
    public static partial void HistoryFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Information, Message = "Web console stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 1412, Level = LogLevel.Error, Message = "Web console could not start on {Address}:{Port}; the gateway runs without it. Free the port or fix console: in campus.yaml, then restart")]
    public static partial void StartFailed(ILogger logger, string address, int port, Exception exception);

    [LoggerMessage(EventId = 1413, Level = LogLevel.Warning, Message = "MQTT watch from the console could not connect to the campus broker {Host}:{Port} after {ElapsedMilliseconds} ms")]
    public static partial void WatchConnectFailed(ILogger logger, Exception exception, string host, int port, long elapsedMilliseconds);

    [LoggerMessage(EventId = 1414, Level = LogLevel.Warning, Message = "Web console key file {Path} is unreadable and was skipped: {Reason}. Sessions and forms protected with that key end")]
    public static partial void KeyUnreadable(ILogger logger, string path, string reason);
}
