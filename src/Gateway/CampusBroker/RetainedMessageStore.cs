using System.Buffers;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace SmartCampus.Edge.Gateway.CampusBroker;

/// <summary>
/// The broker's retained messages in one JSON file: an array of objects with <c>topic</c>, <c>payload</c>
/// (Base64), <c>qos</c> and optional <c>contentType</c>. The whole list is rewritten on each change, which suits
/// the few hundred status topics of a school; a rename makes each write all-or-nothing.
/// </summary>
internal sealed class RetainedMessageStore(string path)
{
    private readonly Lock _writeLock = new();

    public string Path { get; } = path;

    /// <summary>Reads the file; a missing file is an empty store, a damaged one throws <see cref="JsonException"/> or <see cref="IOException"/>.</summary>
    public List<MqttApplicationMessage> Load()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        using var stream = File.OpenRead(Path);
        using var document = JsonDocument.Parse(stream);
        var messages = new List<MqttApplicationMessage>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var builder = new MqttApplicationMessageBuilder()
                .WithTopic(item.GetProperty("topic").GetString())
                .WithPayload(item.GetProperty("payload").GetBytesFromBase64())
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)item.GetProperty("qos").GetInt32())
                .WithRetainFlag(true);
            if (item.TryGetProperty("contentType", out var contentType) && contentType.ValueKind == JsonValueKind.String)
            {
                builder = builder.WithContentType(contentType.GetString());
            }

            messages.Add(builder.Build());
        }

        return messages;
    }

    public void Save(IReadOnlyList<MqttApplicationMessage> messages)
    {
        lock (_writeLock)
        {
            var temporary = Path + ".tmp";
            using (var stream = File.Create(temporary))
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartArray();
                foreach (var message in messages)
                {
                    writer.WriteStartObject();
                    writer.WriteString("topic", message.Topic);
                    writer.WriteBase64String("payload", message.Payload.IsSingleSegment ? message.Payload.FirstSpan : BuffersExtensions.ToArray(message.Payload));
                    writer.WriteNumber("qos", (int)message.QualityOfServiceLevel);
                    if (message.ContentType is not null)
                    {
                        writer.WriteString("contentType", message.ContentType);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
    }
}
