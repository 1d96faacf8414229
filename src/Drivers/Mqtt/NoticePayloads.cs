using System.Buffers;
using System.Globalization;
using System.Text.Json;
using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>JSON bodies of the downlink topics, as documented in docs/campus-topics.md.</summary>
internal static class NoticePayloads
{
    public static byte[] Notice(ClassBoardNotice notice) => Write(writer =>
    {
        writer.WriteString("id", notice.Id);
        writer.WriteString("kind", notice.Kind == NoticeKind.Fullscreen ? "fullscreen" : "scrolling");
        writer.WriteNumber("priority", notice.Priority);
        writer.WriteString("text", notice.Text);
        if (notice.ExpiresAt is { } expiresAt)
        {
            writer.WriteString("expiresAt", expiresAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
    });

    public static byte[] ModeCommand(string id, string mode) => Write(writer =>
    {
        writer.WriteString("id", id);
        writer.WriteString("command", "mode");
        writer.WriteString("mode", mode);
    });

    public static byte[] RestartCommand(string id) => Write(writer =>
    {
        writer.WriteString("id", id);
        writer.WriteString("command", "restart");
    });

    public static byte[] PowerScheduleCommand(string id, BoardPowerSchedule schedule) => Write(writer =>
    {
        writer.WriteString("id", id);
        writer.WriteString("command", "powerSchedule");
        writer.WriteString("on", schedule.On.ToString("HH:mm", CultureInfo.InvariantCulture));
        writer.WriteString("off", schedule.Off.ToString("HH:mm", CultureInfo.InvariantCulture));
        writer.WriteStartArray("days");
        foreach (var day in schedule.Days)
        {
            // ISO 8601 day numbers: 1 = Monday … 7 = Sunday.
            writer.WriteNumberValue(day == DayOfWeek.Sunday ? 7 : (int)day);
        }

        writer.WriteEndArray();
    });

    public static byte[] Emergency(string id, string text) => Write(writer =>
    {
        writer.WriteString("id", id);
        writer.WriteString("text", text);
        writer.WriteBoolean("active", true);
    });

    public static byte[] EmergencyCleared(string id) => Write(writer =>
    {
        writer.WriteString("id", id);
        writer.WriteBoolean("active", false);
    });

    private static byte[] Write(Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
