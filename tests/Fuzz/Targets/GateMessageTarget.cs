using SmartCampus.Edge.Drivers.Mqtt.Gates;

namespace SmartCampus.Edge.Fuzz.Targets;

/// <summary>
/// A message an access-gate controller publishes: the payload goes through the event, ack and status parsers, and
/// the topic text through the command-name parser. These return false for bad input and must never throw.
/// </summary>
public sealed class GateMessageTarget : IFuzzTarget
{
    private const int MaxPayloadBytes = 16 * 1024;

    public string Name => "gate-message";

    public void Run(ReadOnlySpan<byte> data)
    {
        var message = TopicMessage.Split(data, GateTopics.Event("gate-east"));

        _ = GatePayloads.TryParseCommand(message.Topic, out _);
        _ = GatePayloads.TryParseEvent(message.Payload, MaxPayloadBytes, out _, out _);
        _ = GatePayloads.TryParseAck(message.Payload, MaxPayloadBytes, out _, out _);
        _ = GatePayloads.TryParseStatus(message.Payload, MaxPayloadBytes, out _, out _);
    }
}
