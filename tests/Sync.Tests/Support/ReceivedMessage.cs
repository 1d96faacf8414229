using System.Text;
using System.Text.Json;

namespace SmartCampus.Edge.Sync.Tests.Support;

/// <summary>A message as the test subscriber received it.</summary>
public sealed record ReceivedMessage(string Topic, byte[] Payload, bool Retain)
{
    public string Text => Encoding.UTF8.GetString(Payload);

    public JsonDocument Json() => JsonDocument.Parse(Payload);

    /// <summary>The "sequence" of every record in a batch message, in message order.</summary>
    public IReadOnlyList<long> Sequences()
    {
        using var document = Json();
        return document.RootElement.GetProperty("records").EnumerateArray().Select(record => record.GetProperty("sequence").GetInt64()).ToList();
    }
}
