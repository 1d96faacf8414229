using SmartCampus.Edge.Drivers.Mqtt;

namespace SmartCampus.Edge.Fuzz.Targets;

/// <summary>
/// A message a class board publishes: the topic goes through the board topic parser, the payload through the
/// heartbeat, swipe and ack parsers. These parsers return a rejection for bad input and must never throw.
/// </summary>
public sealed class BoardMessageTarget : IFuzzTarget
{
    /// <summary>The default campus payload limit, so the size check is part of the run.</summary>
    private const int MaxPayloadBytes = 16 * 1024;

    public string Name => "board-message";

    public void Run(ReadOnlySpan<byte> data)
    {
        var message = TopicMessage.Split(data, CampusTopics.Heartbeat("board-201"));

        _ = CampusTopics.TryParseBoardTopic(message.Topic, out _, out _);
        _ = CampusTopics.TryParseHeartbeat(message.Topic, out _);
        _ = HeartbeatParser.TryParse(message.Payload, MaxPayloadBytes, out _, out _);
        _ = BoardUplinkParser.TryParseSwipe(message.Payload, MaxPayloadBytes, out _, out _);
        _ = BoardUplinkParser.TryParseAck(message.Payload, MaxPayloadBytes, out _, out _);
    }
}
