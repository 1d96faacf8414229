using System.Net.Sockets;
using MQTTnet.Exceptions;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// Rewrites a failed TCP or TLS connect to the district broker into a message that names what failed (refused, timed
/// out, name not resolved) and which keys to check. MQTTnet's own text names neither.
/// </summary>
internal static class UplinkConnectError
{
    /// <summary>Returns an exception of the same type with the explained message, or the original when there is nothing to add.</summary>
    public static Exception Explain(Exception exception, string host, int port)
    {
        if (exception is not MqttCommunicationException || FindSocketError(exception) is not { } error)
        {
            return exception;
        }

        var cause = error switch
        {
            SocketError.ConnectionRefused => $"connection refused: nothing accepts connections on {host}:{port}",
            SocketError.TimedOut => $"connection timed out: {host}:{port} did not answer",
            SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => $"the name {host} could not be resolved",
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => $"{host} is unreachable from this gateway (no route)",
            _ => $"{host}:{port} could not be reached ({error})",
        };

        return new MqttCommunicationException($"{cause}. Check district.host and district.port in campus.yaml and that the broker runs.", exception);
    }

    private static SocketError? FindSocketError(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }
}
