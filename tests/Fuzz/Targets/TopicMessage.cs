using System.Buffers;
using System.Text;

namespace SmartCampus.Edge.Fuzz.Targets;

/// <summary>
/// Splits a fuzz input into an MQTT topic (the bytes before the first newline, decoded as UTF-8 the way MQTTnet
/// decodes a topic) and the payload (the rest). An input without a newline is all payload on the default topic.
/// </summary>
public readonly record struct TopicMessage(string Topic, ReadOnlySequence<byte> Payload)
{
    public static TopicMessage Split(ReadOnlySpan<byte> data, string defaultTopic)
    {
        var newline = data.IndexOf((byte)'\n');
        if (newline < 0)
        {
            return new TopicMessage(defaultTopic, new ReadOnlySequence<byte>(data.ToArray()));
        }

        var topic = Encoding.UTF8.GetString(data[..newline]);
        return new TopicMessage(topic, new ReadOnlySequence<byte>(data[(newline + 1)..].ToArray()));
    }
}
