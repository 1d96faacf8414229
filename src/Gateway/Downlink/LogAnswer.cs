using System.Buffers;
using System.Text.Json;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Hosting;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// Builds the "data" of a <c>logs.request</c> result: the newest matching lines that fit both bounds of the request,
/// oldest first, with <c>{"lines": [...], "matched": n, "returned": n, "truncated": bool}</c>.
/// </summary>
internal static class LogAnswer
{
    public static JsonElement Build(IReadOnlyList<RecentLogLine> matched, LogRequest request)
    {
        var chosen = new List<byte[]>();
        var bytes = 0;
        for (var i = matched.Count - 1; i >= 0 && chosen.Count < request.MaxLines; i--)
        {
            var line = Line(matched[i]);
            if (bytes + line.Length > request.MaxBytes)
            {
                break;
            }

            chosen.Add(line);
            bytes += line.Length;
        }

        chosen.Reverse();
        var buffer = new ArrayBufferWriter<byte>(bytes + 128);
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("lines");
            foreach (var line in chosen)
            {
                writer.WriteRawValue(line, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteNumber("matched", matched.Count);
            writer.WriteNumber("returned", chosen.Count);
            writer.WriteBoolean("truncated", chosen.Count < matched.Count);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static byte[] Line(RecentLogLine line)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("at", line.At);
            writer.WriteString("level", LogRequest.LevelName(line.Level));
            if (line.EventId is { } id)
            {
                writer.WriteNumber("eventId", id);
            }

            writer.WriteString("source", line.Source);
            writer.WriteString("message", line.Message);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
