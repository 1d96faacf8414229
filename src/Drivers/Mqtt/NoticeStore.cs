using System.Globalization;
using System.Text.Json;

namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>
/// The notices still current on each class board, and each board's active emergency notice, in one JSON file,
/// so that boards that come online after a gateway restart still get them. The whole file is rewritten on each
/// change (notices change a few times a day), through a temporary file and a rename, so that a crash leaves the
/// old or the new file, never half of one.
/// </summary>
internal sealed class NoticeStore(string path)
{
    private const int FormatVersion = 1;

    public string Path { get; } = path;

    /// <summary>Reads the file; a missing file is an empty store, a damaged one throws <see cref="JsonException"/>, <see cref="IOException"/> or <see cref="FormatException"/>.</summary>
    public List<StoredBoardNotices> Load()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        using var stream = File.OpenRead(Path);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var version = root.GetProperty("version").GetInt32();
        if (version != FormatVersion)
        {
            throw new FormatException($"notice store format {version} is not supported; expected {FormatVersion}");
        }

        var boards = new List<StoredBoardNotices>();
        foreach (var board in root.GetProperty("boards").EnumerateObject())
        {
            var notices = board.Value.GetProperty("notices").EnumerateArray().Select(ReadNotice).ToList();
            (string, string)? emergency = board.Value.TryGetProperty("emergency", out var active) && active.ValueKind == JsonValueKind.Object
                ? (active.GetProperty("id").GetString()!, active.GetProperty("text").GetString()!)
                : null;
            boards.Add(new StoredBoardNotices(board.Name, notices, emergency));
        }

        return boards;
    }

    /// <summary>Replaces the file with <paramref name="boards"/>; the caller serializes calls.</summary>
    public void Save(IReadOnlyList<StoredBoardNotices> boards)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = Path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", FormatVersion);
            writer.WriteStartObject("boards");
            foreach (var board in boards)
            {
                writer.WriteStartObject(board.BoardId);
                if (board.Emergency is { } emergency)
                {
                    writer.WriteStartObject("emergency");
                    writer.WriteString("id", emergency.NoticeId);
                    writer.WriteString("text", emergency.Text);
                    writer.WriteEndObject();
                }

                writer.WriteStartArray("notices");
                foreach (var notice in board.Notices)
                {
                    WriteNotice(writer, notice);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    private static void WriteNotice(Utf8JsonWriter writer, ClassBoardNotice notice)
    {
        writer.WriteStartObject();
        writer.WriteString("id", notice.Id);
        writer.WriteString("text", notice.Text);
        writer.WriteString("kind", notice.Kind == NoticeKind.Fullscreen ? "fullscreen" : "scrolling");
        writer.WriteNumber("priority", notice.Priority);
        if (notice.ExpiresAt is { } expiresAt)
        {
            writer.WriteString("expiresAt", expiresAt.ToString("O", CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
    }

    private static ClassBoardNotice ReadNotice(JsonElement item)
    {
        var kind = item.GetProperty("kind").GetString() switch
        {
            "fullscreen" => NoticeKind.Fullscreen,
            "scrolling" => NoticeKind.Scrolling,
            var other => throw new FormatException($"notice kind '{other}' is unknown"),
        };
        DateTimeOffset? expiresAt = item.TryGetProperty("expiresAt", out var expiry)
            ? DateTimeOffset.Parse(expiry.GetString()!, CultureInfo.InvariantCulture)
            : null;
        return new ClassBoardNotice(item.GetProperty("id").GetString()!, item.GetProperty("text").GetString()!, kind, item.GetProperty("priority").GetInt32(), expiresAt);
    }
}
