using System.Text.Json;
using System.Text.Unicode;

namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Checks that a payload is one complete JSON value in valid UTF-8. The uplink embeds payloads in its batches
/// unchanged, so one broken payload accepted here would break every batch it travels in.
/// </summary>
internal static class OutboxPayloadCheck
{
    /// <summary>Returns why the payload is not acceptable, or null when it is.</summary>
    public static string? FindProblem(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return "the payload is empty";
        }

        if (!Utf8.IsValid(payload))
        {
            return "the payload is not valid UTF-8";
        }

        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read())
            {
                return "the payload contains no JSON value";
            }

            reader.Skip();
            if (reader.Read())
            {
                return $"the payload has data after its JSON value at byte {reader.TokenStartIndex}";
            }
        }
        catch (JsonException exception)
        {
            return $"the payload is not valid JSON at byte {exception.BytePositionInLine}: {exception.Message}";
        }

        return null;
    }
}
