using System.Buffers;
using System.Text.Json;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// JSON documents sent to the district (schema version 1, see docs/district-topics.md). Record payloads are
/// embedded as the JSON they were appended with, byte for byte.
/// </summary>
internal static class DistrictPayloads
{
    public const int SchemaVersion = 1;

    /// <summary>Bytes a record adds to a batch beside its payload (sequence, type, createdAt, field names), estimated.</summary>
    public const int RecordEnvelopeBytes = 128;

    /// <summary>
    /// Writes one batch. A stored payload that is not valid JSON (possible only if the file was damaged, since the
    /// outbox checks payloads on append) goes as base64 in "payloadBase64", so that the lane is not blocked for good.
    /// </summary>
    public static byte[] Batch(string schoolId, string gatewayId, OutboxLane lane, IReadOnlyList<OutboxRecord> records, DateTimeOffset sentAt, Action<OutboxRecord, Exception> onInvalidPayload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", SchemaVersion);
            writer.WriteString("school", schoolId);
            writer.WriteString("gateway", gatewayId);
            writer.WriteString("lane", DistrictTopics.LaneName(lane));
            writer.WriteString("sentAt", sentAt);

            writer.WriteStartArray("records");
            foreach (var record in records)
            {
                WriteRecord(writer, record, onInvalidPayload);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the retained status: "online" after a connect, "offline" as the will or on shutdown.</summary>
    public static byte[] Status(string schoolId, string gatewayId, DistrictStatus status)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", SchemaVersion);
            writer.WriteString("school", schoolId);
            writer.WriteString("gateway", gatewayId);
            writer.WriteString("status", status.Online ? "online" : "offline");

            if (status.Reason is not null)
            {
                writer.WriteString("reason", status.Reason);
            }

            if (status.At is { } at)
            {
                writer.WriteString("at", at);
            }

            if (status.Backlog is { } backlog)
            {
                writer.WriteBoolean("sessionPresent", status.SessionPresent);
                WriteLaneNumbers(writer, "backlog", backlog.Count);
                WriteLaneNumbers(writer, "dropped", backlog.DroppedCount);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRecord(Utf8JsonWriter writer, OutboxRecord record, Action<OutboxRecord, Exception> onInvalidPayload)
    {
        writer.WriteStartObject();
        writer.WriteNumber("sequence", record.Sequence);
        writer.WriteString("type", record.Type);
        writer.WriteString("createdAt", record.CreatedAt);

        if (OutboxPayloadCheck.FindProblem(record.Payload) is { } problem)
        {
            onInvalidPayload(record, new InvalidDataException(problem));
            writer.WriteBase64String("payloadBase64", record.Payload);
        }
        else
        {
            writer.WritePropertyName("payload");
            writer.WriteRawValue(record.Payload, skipInputValidation: true);
        }

        writer.WriteEndObject();
    }

    private static void WriteLaneNumbers(Utf8JsonWriter writer, string name, Func<OutboxLane, long> value)
    {
        writer.WriteStartObject(name);
        foreach (var lane in OutboxLaneNames.All)
        {
            writer.WriteNumber(DistrictTopics.LaneName(lane), value(lane));
        }

        writer.WriteEndObject();
    }
}
