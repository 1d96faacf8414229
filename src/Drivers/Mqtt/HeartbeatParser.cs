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
        var parsed = TryParseObject(payload, maxBytes, root => (ReadFields(root), (string?)null), out var read, out rejection);
        heartbeat = read ?? new Heartbeat(null, null, null);
        return parsed;
    }

    /// <summary>
    /// The checks every board payload passes, then <paramref name="read"/> on the root object. A non-null error
    /// from <paramref name="read"/> (a missing or mistyped required field) rejects the payload at offset 0.
    /// </summary>
    internal static bool TryParseObject<T>(
        ReadOnlySequence<byte> payload,
        int maxBytes,
        Func<JsonElement, (T? Value, string? Error)> read,
        out T? value,
        out PayloadRejection rejection)
        where T : class
    {
        value = null;
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

        return TryReadJson(bytes, read, out value, out rejection);
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

    private static bool TryReadJson<T>(ReadOnlySpan<byte> bytes, Func<JsonElement, (T? Value, string? Error)> read, out T? value, out PayloadRejection rejection)
        where T : class
    {
        value = null;
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

            var (result, error) = read(document.RootElement);
            if (error is not null)
            {
                rejection = new PayloadRejection(error, 0);
                return false;
            }

            value = result;
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
    internal static DateTimeOffset? ReadTimestamp(JsonElement ts)
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
