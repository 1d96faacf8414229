using System.Buffers;
using System.Text.Json;

namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>Reads the <c>swipe</c> and <c>ack</c> payloads of a board, with the same checks as the heartbeat.</summary>
internal static class BoardUplinkParser
{
    /// <summary>Longest card UID accepted, in characters; a 10-byte ISO 14443 UID is 20 hex digits.</summary>
    public const int MaxUidLength = 32;

    public const int MaxIdLength = 128;

    public static bool TryParseSwipe(ReadOnlySequence<byte> payload, int maxBytes, out CardSwipe? swipe, out PayloadRejection rejection) =>
        HeartbeatParser.TryParseObject(payload, maxBytes, ReadSwipe, out swipe, out rejection);

    public static bool TryParseAck(ReadOnlySequence<byte> payload, int maxBytes, out string? id, out PayloadRejection rejection)
    {
        var parsed = HeartbeatParser.TryParseObject(payload, maxBytes, root => ReadText(root, "id", MaxIdLength), out var box, out rejection);
        id = box;
        return parsed;
    }

    private static (CardSwipe? Value, string? Error) ReadSwipe(JsonElement root)
    {
        var (uid, uidError) = ReadText(root, "uid", MaxUidLength);
        if (uidError is not null)
        {
            return (null, uidError);
        }

        var (result, resultError) = ReadText(root, "result", 32);
        if (resultError is not null)
        {
            return (null, resultError);
        }

        var timestamp = root.TryGetProperty("ts", out var ts) ? HeartbeatParser.ReadTimestamp(ts) : null;
        return (new CardSwipe(uid!.ToUpperInvariant(), timestamp, result!), null);
    }

    private static (string? Value, string? Error) ReadText(JsonElement root, string name, int maxLength)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return (null, $"field \"{name}\" is missing or not a string");
        }

        var text = element.GetString();
        if (string.IsNullOrWhiteSpace(text) || text.Length > maxLength)
        {
            return (null, $"field \"{name}\" is empty or longer than {maxLength} characters");
        }

        return (text, null);
    }
}
