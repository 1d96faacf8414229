using MQTTnet;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>The broker rejected the connection in its CONNACK, e.g. for a bad user name or password.</summary>
internal sealed class UplinkConnectRejectedException : Exception
{
    /// <param name="username">The configured user name that was sent, named in the message; never the password.</param>
    public UplinkConnectRejectedException(MqttClientConnectResultCode resultCode, string? reasonString, string? username)
        : base(FormatMessage(resultCode, reasonString, username))
    {
        ResultCode = resultCode;
    }

    public MqttClientConnectResultCode ResultCode { get; }

    // The log line names the broker already, so the message gives only the CONNACK and what was sent.
    private static string FormatMessage(MqttClientConnectResultCode resultCode, string? reasonString, string? username)
    {
        var reason = string.IsNullOrEmpty(reasonString) ? string.Empty : $" ({reasonString})";
        var sent = string.IsNullOrEmpty(username) ? "no user name configured" : $"user name '{username}'";
        return $"CONNACK {resultCode} ({(int)resultCode}){reason}, {sent}";
    }
}
