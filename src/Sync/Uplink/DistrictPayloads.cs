using System.Buffers;
using System.Text.Json;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// JSON documents sent to the district (schema version 1, see docs/district-topics.md). Record payloads are
/// embedded as the JSON they were appended with, byte for byte.
/// </summary>
internal static class DistrictPayloads
{
    public const int SchemaVersion = 1;

    private const int ZstdLevel = 1;

    /// <summary>Bytes a record adds to a batch beside its payload (sequence, type, createdAt, field names), estimated.</summary>
    public const int RecordEnvelopeBytes = 128;

    /// <summary>
    /// Writes one batch. A stored payload that is not valid JSON (possible only if the file was damaged, since the
    /// outbox checks payloads on append) goes as base64 in "payloadBase64", so that the lane is not blocked for good.
    /// </summary>
    public static byte[] Batch(string schoolId, string gatewayId, OutboxLane lane, IReadOnlyList<OutboxRecord> records, DateTimeOffset sentAt, Action<OutboxRecord, Exception> onInvalidPayload)
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteBatch(buffer, schoolId, gatewayId, lane, records, sentAt, onInvalidPayload);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes one batch into <paramref name="buffer"/> in place of what it contained, as <see cref="Batch"/> does.
    /// The uplink reuses one buffer because a telemetry batch is often over 85,000 bytes. A new buffer per batch, grown
    /// by doubling and then copied, put about 0.8 MB a second on the large object heap at 10,000 points
    /// (docs/benchmarks/gateway.md, sixth pass).
    /// </summary>
    public static void WriteBatch(ArrayBufferWriter<byte> buffer, string schoolId, string gatewayId, OutboxLane lane, IReadOnlyList<OutboxRecord> records, DateTimeOffset sentAt, Action<OutboxRecord, Exception> onInvalidPayload)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
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
    }

    /// <summary>Writes the retained status: "online" after a connect, "offline" as the will or on shutdown.</summary>
    public static byte[] Status(string schoolId, string gatewayId, DistrictStatus status)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
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
                WriteLaneNumbers(writer, "downsampled", backlog.DownsampledCount);
                WriteLaneNumbers(writer, "deadLettered", backlog.DeadLetteredCount);
                WriteOldest(writer, backlog, status.At);

                writer.WriteStartObject("disk");
                writer.WriteNumber("recordBytes", backlog.EstimatedBytes);
                writer.WriteNumber("fileBytes", backlog.FileBytes);
                if (status.DiskBudgetBytes is { } budget)
                {
                    writer.WriteNumber("budgetBytes", budget);
                }

                writer.WriteEndObject();
            }

            if (status.Uptime is { } uptime)
            {
                writer.WriteNumber("uptimeSeconds", (long)uptime.TotalSeconds);
            }

            if (status.Gateway is { } gateway)
            {
                writer.WriteString("version", gateway.Version);
                if (gateway.ConfigurationVersion is not null)
                {
                    writer.WriteString("configurationVersion", gateway.ConfigurationVersion);
                }

                writer.WriteStartObject("devices");
                writer.WriteNumber("online", gateway.DevicesOnline);
                writer.WriteNumber("offline", gateway.DevicesOffline);
                writer.WriteNumber("neverSeen", gateway.DevicesNeverSeen);

                // Written only when a start left devices out, so that a normal status stays as it was.
                if (gateway.DevicesLeftOut.Count > 0)
                {
                    writer.WriteStartArray("leftOut");
                    foreach (var deviceId in gateway.DevicesLeftOut)
                    {
                        writer.WriteStringValue(deviceId);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
                writer.WriteNumber("activeAlarms", gateway.ActiveAlarms);
                writer.WriteBoolean("clockSynchronised", gateway.ClockSynchronised);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the answer to one district command.</summary>
    public static byte[] CommandResult(string schoolId, string gatewayId, Downlink.DownlinkReply reply, DateTimeOffset at)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", SchemaVersion);
            writer.WriteString("school", schoolId);
            writer.WriteString("gateway", gatewayId);
            writer.WriteString("id", reply.Id);
            writer.WriteString("type", reply.Type);
            writer.WriteString("status", reply.Result.Status);
            writer.WriteString("reason", reply.Result.Reason);
            writer.WriteString("at", at);
            if (reply.Result.Data is { } data)
            {
                writer.WritePropertyName("data");
                data.WriteTo(writer);
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
        if (record.Clock != OutboxClockState.Synchronised)
        {
            writer.WriteString("clock", record.Clock == OutboxClockState.Corrected ? "corrected" : "unsynchronised");
            writer.WriteString("recordedAt", record.RecordedAt ?? record.CreatedAt);
        }

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

    /// <summary>Writes "oldestUnsentSeconds" per lane: age of the oldest record by its creation time, null when empty.</summary>
    private static void WriteOldest(Utf8JsonWriter writer, OutboxStore backlog, DateTimeOffset? at)
    {
        writer.WriteStartObject("oldestUnsentSeconds");
        foreach (var lane in OutboxLaneNames.All)
        {
            var name = DistrictTopics.LaneName(lane);
            if (at is { } now && backlog.OldestCreatedAt(lane) is { } oldest)
            {
                writer.WriteNumber(name, Math.Max(0, (long)(now - oldest).TotalSeconds));
            }
            else
            {
                writer.WriteNull(name);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Wraps a compressed batch for MQTT 3.1.1, which has no content type: the district reads "contentEncoding"
    /// ("gzip" or "zstd") and decodes "payloadBase64".
    /// </summary>
    public static byte[] CompressedEnvelope(byte[] compressed, string contentEncoding)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", SchemaVersion);
            writer.WriteString("contentEncoding", contentEncoding);
            writer.WriteBase64String("payloadBase64", compressed);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Compresses a batch with gzip (RFC 1952) at the fastest level, which keeps the drain rate high.</summary>
    public static byte[] Gzip(ReadOnlySpan<byte> payload)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(payload);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Compresses a batch into one Zstandard frame (RFC 8878) with the content size in its header, at level 1, the
    /// fastest of the regular levels: batches of JSON records repeat themselves, so it already shrinks them tenfold.
    /// </summary>
    public static byte[] Zstd(ReadOnlySpan<byte> payload)
    {
        using var compressor = new ZstdSharp.Compressor(ZstdLevel);
        return compressor.Wrap(payload).ToArray();
    }

    /// <summary>Compresses a batch with the named content encoding, "gzip" or "zstd".</summary>
    public static byte[] Compress(ReadOnlySpan<byte> payload, string contentEncoding) => contentEncoding switch
    {
        "gzip" => Gzip(payload),
        "zstd" => Zstd(payload),
        _ => throw new ArgumentOutOfRangeException(nameof(contentEncoding), contentEncoding, "Unknown content encoding."),
    };

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
