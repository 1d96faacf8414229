using System.Net.Sockets;
using System.Security.Authentication;
using MQTTnet;
using MQTTnet.Exceptions;

namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>
/// Turns a failed connect to the campus broker into a text that a technician can act on: what went wrong, at which
/// host and port, and which setting or device to check. MQTTnet's own wording (for example "Error while connecting
/// host 'Unspecified/127.0.0.1:1883'") belongs in the log only.
/// </summary>
public static class CampusConnectFailure
{
    /// <param name="timeout">The connect timeout, named in the text when the broker did not answer.</param>
    /// <param name="usesTls">Whether the attempt used TLS.</param>
    /// <param name="tlsRejection">Why the gateway refused the broker's certificate in this attempt, if it did.</param>
    /// <param name="elapsed">How long the attempt took; MQTTnet reports its own connect timeout as "connection closed".</param>
    /// <param name="settings">Settings that the text names for the technician to check; the campus.yaml keys when null.</param>
    public static string Describe(Exception exception, string host, int port, TimeSpan timeout, bool usesTls = false, CampusTlsRejection? tlsRejection = null, TimeSpan? elapsed = null, CampusBrokerSettingNames? settings = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        settings ??= CampusBrokerSettingNames.Configuration;

        if (tlsRejection is { } rejection)
        {
            return rejection switch
            {
                CampusTlsRejection.NameMismatch => CampusMqttText.Format("TlsNameMismatch", host, port),
                CampusTlsRejection.NoCertificate => CampusMqttText.Format("TlsNoCertificate", host, port),
                _ => CampusMqttText.Format("TlsUntrusted", host, port),
            };
        }

        if (Find<AuthenticationException>(exception) is not null)
        {
            return CampusMqttText.Format("TlsHandshakeFailed", host, port);
        }

        if (Find<SocketException>(exception) is { } socket)
        {
            switch (socket.SocketErrorCode)
            {
                case SocketError.ConnectionRefused:
                    return CampusMqttText.Format("ConnectRefused", host, port, settings.Host, settings.Port);
                case SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData:
                    return CampusMqttText.Format("ConnectHostUnknown", host, settings.Host);
                case SocketError.TimedOut:
                    return TimedOut(host, port, timeout, settings);
                case SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown:
                    return CampusMqttText.Format("ConnectUnreachable", host, port, settings.Host);
            }
        }

        if (elapsed >= timeout - TimerSlack(timeout) || Find<OperationCanceledException>(exception) is not null || Find<MqttCommunicationTimedOutException>(exception) is not null || Find<TimeoutException>(exception) is not null)
        {
            return TimedOut(host, port, timeout, settings);
        }

        // The broker closed the connection before its CONNACK. A plain client on a TLS port gets no answer at all; with
        // TLS 1.3 a broker that wants a client certificate closes after the handshake, which the client already trusted.
        var closed = Find<EndOfStreamException>(exception) is not null
            || Find<IOException>(exception) is not null
            || Find<MqttCommunicationException>(exception) is not null;
        if (closed)
        {
            return CampusMqttText.Format(usesTls ? "TlsClosedDuringConnect" : "TlsNotServed", host, port);
        }

        return CampusMqttText.Format("ConnectFailed", host, port);
    }

    /// <summary>
    /// Text for a CONNACK that refused the connection, by its reason code (MQTT 5.0 §3.2.2.2; MQTTnet maps the
    /// MQTT 3.1.1 return codes 1–5 onto the same names).
    /// </summary>
    /// <param name="settings">Settings that the text names for the technician to check; the campus.yaml keys when null.</param>
    public static string Rejected(MqttClientConnectResultCode code, string host, int port, CampusBrokerSettingNames? settings = null)
    {
        settings ??= CampusBrokerSettingNames.Configuration;
        return code switch
        {
            // Mosquitto rejects a wrong password with "not authorized" under MQTT 5, so both codes name the account settings.
            MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized or MqttClientConnectResultCode.BadAuthenticationMethod
                => CampusMqttText.Format("ConnectBadCredentials", host, port, settings.Username, settings.Password),
            MqttClientConnectResultCode.Banned => CampusMqttText.Format("ConnectNotAuthorized", host, port),
            MqttClientConnectResultCode.ServerUnavailable or MqttClientConnectResultCode.UseAnotherServer or MqttClientConnectResultCode.ServerMoved
                => CampusMqttText.Format("ConnectServerUnavailable", host, port),
            MqttClientConnectResultCode.ServerBusy or MqttClientConnectResultCode.QuotaExceeded or MqttClientConnectResultCode.ConnectionRateExceeded
                => CampusMqttText.Format("ConnectServerBusy", host, port),
            MqttClientConnectResultCode.ClientIdentifierNotValid => CampusMqttText.Format("ConnectClientIdInvalid", host, port),
            MqttClientConnectResultCode.UnsupportedProtocolVersion => CampusMqttText.Format("ConnectProtocolUnsupported", host, port),
            _ => CampusMqttText.Format("ConnectRejected", host, port, $"0x{(int)code:X2} {code}"),
        };
    }

    /// <summary>
    /// Returns how much earlier than <paramref name="timeout"/> a close still counts as MQTTnet's timeout. Its timer runs
    /// on the runtime's millisecond tick, so it can end the attempt a little before our own clock reaches the timeout.
    /// </summary>
    private static TimeSpan TimerSlack(TimeSpan timeout) => TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(20).Ticks, timeout.Ticks / 10));

    private static string TimedOut(string host, int port, TimeSpan timeout, CampusBrokerSettingNames settings) =>
        CampusMqttText.Format("ConnectTimedOut", host, port, Math.Round(timeout.TotalSeconds, 1), settings.Host, settings.Port);

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
