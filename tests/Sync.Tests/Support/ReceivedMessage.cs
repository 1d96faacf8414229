using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace SmartCampus.Edge.Sync.Tests.Support;

/// <summary>
/// A message as the test subscriber received it. <see cref="Json"/> decodes compressed batches the way the district
/// must: gzip or zstd bytes under MQTT 5 (user property content-encoding), or the MQTT 3.1.1 envelope with
/// "contentEncoding".
/// </summary>
public sealed record ReceivedMessage(string Topic, byte[] Payload, bool Retain, string? ContentEncoding = null, string? ContentType = null)
{
    public string Text => Encoding.UTF8.GetString(Payload);

    /// <summary>Payload bytes after undoing any compression.</summary>
    public byte[] Decoded()
    {
        if (ContentEncoding is not null)
        {
            return Decompress(Payload, ContentEncoding);
        }

        using var document = JsonDocument.Parse(Payload);
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("contentEncoding", out var encoding) && encoding.GetString() is { } name)
        {
            return Decompress(document.RootElement.GetProperty("payloadBase64").GetBytesFromBase64(), name);
        }

        return Payload;
    }

    public JsonDocument Json() => JsonDocument.Parse(Decoded());

    /// <summary>The "sequence" of every record in a batch message, in message order.</summary>
    public IReadOnlyList<long> Sequences()
    {
        using var document = Json();
        return document.RootElement.GetProperty("records").EnumerateArray().Select(record => record.GetProperty("sequence").GetInt64()).ToList();
    }

    private static byte[] Decompress(byte[] compressed, string contentEncoding) => contentEncoding switch
    {
        "gzip" => Gunzip(compressed),
        "zstd" => ZstdCommand.Decompress(compressed),
        _ => throw new InvalidDataException($"Unknown content encoding '{contentEncoding}'."),
    };

    private static byte[] Gunzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
