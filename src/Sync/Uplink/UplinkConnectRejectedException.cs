using MQTTnet;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>The broker rejected the connection in its CONNACK, e.g. for a bad user name or password.</summary>
internal sealed class UplinkConnectRejectedException : Exception
{
    public UplinkConnectRejectedException(string endpoint, MqttClientConnectResultCode resultCode, string? reasonString)
        : base($"The broker at {endpoint} rejected the connection with {resultCode} ({(int)resultCode}){(string.IsNullOrEmpty(reasonString) ? string.Empty : ": " + reasonString)}.")
    {
        ResultCode = resultCode;
    }

    public MqttClientConnectResultCode ResultCode { get; }
}
