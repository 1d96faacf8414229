using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>
/// Validates and reads a heartbeat payload: non-empty, within the size limit, valid UTF-8, one JSON object
/// (RFC 8259, no comments or trailing commas). A rejection carries the reason and the byte offset of the problem.
/// </summary>
internal static class HeartbeatParser
{
    public static bool TryParse(ReadOnlySequence<byte> payload, int maxBytes, out Heartbeat heartbeat, out PayloadRejection rejection)
    {
        heartbeat = new Heartbeat(null, null, null);
        rejection = default;

        if (payload.Length == 0)
        {
            rejection = new PayloadRejection("empty payload", 0);
            return false;
        }

        if (payload.Length > maxBytes)
        {
            rejection = new PayloadRejection($"payload of {payload.Length} bytes exceeds the limit of {maxBytes} bytes", maxBytes);
            return false;
        }

        var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();

        var invalidAt = FindInvalidUtf8(bytes);
        if (invalidAt >= 0)
        {
            rejection = new PayloadRejection("invalid UTF-8", invalidAt);
            return false;
        }

        return TryReadJson(bytes, out heartbeat, out rejection);
    }

    /// <summary>Returns the offset of the first byte that does not start a valid UTF-8 sequence, or -1.</summary>
    internal static int FindInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return -1;
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }

    private static bool TryReadJson(ReadOnlySpan<byte> bytes, out Heartbeat heartbeat, out PayloadRejection rejection)
    {
        heartbeat = new Heartbeat(null, null, null);
        rejection = default;

        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            using var document = JsonDocument.ParseValue(ref reader);

            // ParseValue stops after one value; anything but whitespace after it makes the payload invalid.
            if (reader.Read())
            {
                rejection = new PayloadRejection("unexpected content after the JSON object", reader.TokenStartIndex);
                return false;
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                rejection = new PayloadRejection($"expected a JSON object, found {document.RootElement.ValueKind}", 0);
                return false;
            }

            heartbeat = ReadFields(document.RootElement);
            return true;
        }
        catch (JsonException exception)
        {
            rejection = new PayloadRejection($"invalid JSON: {ShortMessage(exception)}", AbsoluteOffset(bytes, exception));
            return false;
        }
    }

    private static Heartbeat ReadFields(JsonElement root)
    {
        DateTimeOffset? timestamp = null;
        if (root.TryGetProperty("ts", out var ts))
        {
            timestamp = ReadTimestamp(ts);
        }

        string? mode = root.TryGetProperty("mode", out var modeElement) && modeElement.ValueKind == JsonValueKind.String
            ? modeElement.GetString()
            : null;

        bool? screenOn = root.TryGetProperty("screenOn", out var screen) && screen.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? screen.GetBoolean()
            : null;

        return new Heartbeat(timestamp, mode, screenOn);
    }

    /// <summary>Reads <c>ts</c> as an RFC 3339 text or as Unix time in milliseconds; anything else is ignored.</summary>
    private static DateTimeOffset? ReadTimestamp(JsonElement ts)
    {
        if (ts.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(ts.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        if (ts.ValueKind == JsonValueKind.Number
            && ts.TryGetInt64(out var milliseconds)
            && milliseconds >= 0
            && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }

        return null;
    }

    /// <summary>System.Text.Json reports a line and a byte position in that line; this turns them into an offset in the payload.</summary>
    private static long AbsoluteOffset(ReadOnlySpan<byte> bytes, JsonException exception)
    {
        var line = exception.LineNumber ?? 0;
        var lineStart = 0;
        for (var i = 0; i < line && lineStart < bytes.Length; i++)
        {
            var next = bytes[lineStart..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            lineStart += next + 1;
        }

        return lineStart + (exception.BytePositionInLine ?? 0);
    }

    private static string ShortMessage(JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }
}
