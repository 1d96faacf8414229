using MQTTnet;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>The broker returned a PUBACK for a batch with a reason code that is not a success (MQTT 5 only).</summary>
internal sealed class UplinkPublishRejectedException : Exception
{
    public UplinkPublishRejectedException(string topic, MqttClientPublishReasonCode reasonCode, string? reasonString)
        : base($"The broker rejected the batch on '{topic}' with reason code {reasonCode} ({(int)reasonCode}){(string.IsNullOrEmpty(reasonString) ? string.Empty : ": " + reasonString)}.")
    {
        ReasonCode = reasonCode;
    }

    public MqttClientPublishReasonCode ReasonCode { get; }
}
