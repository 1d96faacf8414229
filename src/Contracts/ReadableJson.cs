using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace SmartCampus.Edge.Contracts;

/// <summary>
/// The JSON encoding of everything the gateway writes for people and the district: Chinese and other non-ASCII text
/// stays UTF-8 instead of \uXXXX escapes, so payloads stay readable in mosquitto_sub and a console, and smaller.
/// HTML-sensitive characters (&lt; &gt; &amp; ' ") and control characters are still escaped, so the text is safe
/// inside an HTML page or a server-sent event.
/// </summary>
public static class ReadableJson
{
    public static JavaScriptEncoder Encoder { get; } = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>Writer options with <see cref="Encoder"/> and nothing else changed.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = Encoder };

    /// <summary>Serializer options with <see cref="Encoder"/> and nothing else changed.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new() { Encoder = Encoder };
}
