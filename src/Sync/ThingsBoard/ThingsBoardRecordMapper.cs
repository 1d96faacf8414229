using System.Buffers;
using System.Globalization;
using System.Text.Json;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Sync.ThingsBoard;

/// <summary>
/// Maps outbox records onto ThingsBoard's gateway API (see docs/district-topics.md, section ThingsBoard profile).
/// Samples (one per "sample" record, several per "samples" record) and summaries become telemetry of their device,
/// keyed by point name. "online"/"offline" events become
/// v1/gateway/connect and v1/gateway/disconnect. Other events and all alarms become telemetry of their device, or of
/// the gateway device when they name none. Every telemetry entry carries "edgeSequence" and "edgeGateway", so a
/// consumer can de-duplicate on ("edgeGateway", "edgeSequence") as on the native topics.
/// </summary>
/// <remarks>
/// Holds which devices were announced on the current connection and which were last reported offline; the uplink
/// calls <see cref="AnnounceAll"/> after every connect.
/// </remarks>
internal sealed class ThingsBoardRecordMapper
{
    public const string SequenceKey = "edgeSequence";
    public const string GatewayKey = "edgeGateway";
    public const string DefaultDeviceType = "default";

    private const string SampleType = "sample";
    private const string SamplesType = "samples";
    private const string SummarySuffix = ".summary";
    private const string EventType = "event";
    private const string OnlineEvent = "online";
    private const string OfflineEvent = "offline";

    // Alarm payload fields copied to flat telemetry keys that a rule chain script can test (msg.alarmState).
    private static readonly (string Field, string Key)[] AlarmKeys =
    [
        ("rule", "alarmRule"),
        ("fault", "alarmRule"),
        ("alarmId", "alarmId"),
        ("severity", "alarmSeverity"),
        ("state", "alarmState"),
        ("change", "alarmChange"),
        ("point", "alarmPoint"),
    ];

    private readonly string _schoolId;
    private readonly string _gateway;
    private readonly IReadOnlyDictionary<string, string> _deviceTypes;
    private readonly Action<OutboxRecord, Exception> _onInvalidPayload;
    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);
    private readonly HashSet<string> _offline = new(StringComparer.Ordinal);

    public ThingsBoardRecordMapper(string schoolId, string gatewayId, IReadOnlyDictionary<string, string> deviceTypes, Action<OutboxRecord, Exception> onInvalidPayload)
    {
        _schoolId = schoolId;
        _gateway = $"{schoolId}/{gatewayId}";
        _deviceTypes = deviceTypes;
        _onInvalidPayload = onInvalidPayload;
    }

    /// <summary>
    /// Returns, for a new connection: a connect message per configured device (with its type), one attributes message
    /// with each device's campus identity, and a disconnect for every device last reported offline.
    /// </summary>
    public List<ThingsBoardMessage> AnnounceAll()
    {
        _announced.Clear();
        var messages = new List<ThingsBoardMessage>();
        foreach (var (deviceId, type) in _deviceTypes.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            messages.Add(ThingsBoardPayloads.Connect(ThingsBoardDeviceNames.Of(_schoolId, deviceId), type));
            _announced.Add(deviceId);
        }

        if (_deviceTypes.Count > 0)
        {
            messages.Add(ThingsBoardPayloads.DeviceAttributes(_schoolId, _gateway, _deviceTypes.OrderBy(pair => pair.Key, StringComparer.Ordinal)));
        }

        foreach (var deviceId in _offline.Order(StringComparer.Ordinal))
        {
            messages.Add(ThingsBoardPayloads.Disconnect(ThingsBoardDeviceNames.Of(_schoolId, deviceId)));
        }

        return messages;
    }

    /// <summary>Maps records of one lane, in order, onto messages; telemetry is grouped between connect and disconnect messages.</summary>
    public List<ThingsBoardMessage> Map(IReadOnlyList<OutboxRecord> records)
    {
        var messages = new List<ThingsBoardMessage>();
        var telemetry = new ThingsBoardTelemetryBuffer();
        foreach (var record in records)
        {
            if (OutboxPayloadCheck.FindProblem(record.Payload) is { } problem)
            {
                _onInvalidPayload(record, new InvalidDataException(problem));
                telemetry.Add(null, Entry(record, TimestampOf(record), values => values.WriteBase64String("recordBase64", record.Payload)));
                continue;
            }

            using var document = JsonDocument.Parse(record.Payload);
            MapRecord(record, document.RootElement, messages, telemetry);
        }

        telemetry.FlushTo(messages);
        return messages;
    }

    private void MapRecord(OutboxRecord record, JsonElement payload, List<ThingsBoardMessage> messages, ThingsBoardTelemetryBuffer telemetry)
    {
        switch (record.Lane)
        {
            case OutboxLane.Telemetry when record.Type == SampleType && PointOf(payload) is { } point:
                AddForDevice(point.Device, Entry(record, TimestampOf(record, payload, "time"), values => WriteSample(values, point.Name, payload)), messages, telemetry);
                break;
            case OutboxLane.Telemetry when record.Type == SamplesType && Items(payload, "samples") is { } samples:
                MapSamples(record, samples, messages, telemetry);
                break;
            case OutboxLane.Telemetry when record.Type.EndsWith(SummarySuffix, StringComparison.Ordinal) && Items(payload, "points") is { } points:
                MapSummary(record, payload, points, messages, telemetry);
                break;
            case OutboxLane.Telemetry when record.Type.EndsWith(SummarySuffix, StringComparison.Ordinal) && PointOf(payload) is { } point:
                // A one-point summary written by an earlier version, still waiting in the outbox after an update.
                AddForDevice(point.Device, Entry(record, TimestampOf(record, payload, "from"), values => WriteSummary(values, point.Name, payload)), messages, telemetry);
                break;
            case OutboxLane.Events when record.Type == EventType && Text(payload, "device") is { } device:
                MapDeviceEvent(record, device, payload, messages, telemetry);
                break;
            case OutboxLane.Alarms:
                var alarmDevice = PointOf(payload)?.Device;
                AddForDevice(alarmDevice, Entry(record, TimestampOf(record), values => WriteAlarm(values, record.Type, payload)), messages, telemetry);
                break;
            case OutboxLane.Events:
                telemetry.Add(null, Entry(record, TimestampOf(record, payload, "time"), values => WriteRecord(values, "event", record.Type, "eventPayload", payload)));
                break;
            default:
                telemetry.Add(null, Entry(record, TimestampOf(record), values => WriteRecord(values, "recordType", record.Type, "record", payload)));
                break;
        }
    }

    /// <summary>
    /// Maps a multi-point record: one entry per device and sample time, holding the values of that time, so a device
    /// poll read at one moment becomes one ThingsBoard entry.
    /// </summary>
    private void MapSamples(OutboxRecord record, JsonElement.ArrayEnumerator samples, List<ThingsBoardMessage> messages, ThingsBoardTelemetryBuffer telemetry)
    {
        var entries = new List<(string Device, long Timestamp, List<(string Name, JsonElement Sample)> Values)>();
        foreach (var sample in samples)
        {
            if (PointOf(sample) is not { } point)
            {
                continue;
            }

            var timestamp = TimestampOf(record, sample, "time");
            var index = entries.FindIndex(entry => entry.Timestamp == timestamp && entry.Device == point.Device);
            if (index < 0)
            {
                entries.Add((point.Device, timestamp, []));
                index = entries.Count - 1;
            }

            entries[index].Values.Add((point.Name, sample));
        }

        foreach (var (device, timestamp, values) in entries)
        {
            AddForDevice(device, Entry(record, timestamp, writer => values.ForEach(value => WriteSample(writer, value.Name, value.Sample))), messages, telemetry);
        }
    }

    /// <summary>Maps a down-sampling summary: one entry per device at the interval's start, with the figures of each of its points.</summary>
    private void MapSummary(OutboxRecord record, JsonElement payload, JsonElement.ArrayEnumerator points, List<ThingsBoardMessage> messages, ThingsBoardTelemetryBuffer telemetry)
    {
        var timestamp = TimestampOf(record, payload, "from");
        foreach (var device in points.Select(point => (Point: PointOf(point), Figures: point)).Where(item => item.Point is not null).GroupBy(item => item.Point!.Value.Device, StringComparer.Ordinal))
        {
            AddForDevice(device.Key, Entry(record, timestamp, values =>
            {
                foreach (var (point, figures) in device)
                {
                    WriteSummary(values, point!.Value.Name, figures);
                }
            }), messages, telemetry);
        }
    }

    private static JsonElement.ArrayEnumerator? Items(JsonElement payload, string name) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray()
            : null;

    private void MapDeviceEvent(OutboxRecord record, string device, JsonElement payload, List<ThingsBoardMessage> messages, ThingsBoardTelemetryBuffer telemetry)
    {
        var name = ThingsBoardDeviceNames.Of(_schoolId, device);
        switch (Text(payload, "event"))
        {
            case OnlineEvent:
                // Earlier telemetry goes first, so ThingsBoard receives the records in lane order.
                telemetry.FlushTo(messages);
                messages.Add(ThingsBoardPayloads.Connect(name, TypeOf(device)));
                messages.Add(ThingsBoardPayloads.DeviceOnline(name, online: true, TimestampOf(record, payload, "time")));
                _offline.Remove(device);
                _announced.Add(device);
                break;
            case OfflineEvent:
                telemetry.FlushTo(messages);
                messages.Add(ThingsBoardPayloads.Disconnect(name));
                messages.Add(ThingsBoardPayloads.DeviceOnline(name, online: false, TimestampOf(record, payload, "time")));
                _offline.Add(device);
                break;
            case { } eventType:
                AddForDevice(device, Entry(record, TimestampOf(record, payload, "time"), values => WriteEvent(values, eventType, payload)), messages, telemetry);
                break;
            default:
                telemetry.Add(null, Entry(record, TimestampOf(record, payload, "time"), values => WriteRecord(values, "event", record.Type, "eventPayload", payload)));
                break;
        }
    }

    /// <summary>Adds a device's entry, announcing the device first if this connection has not announced it yet.</summary>
    private void AddForDevice(string? device, byte[] entry, List<ThingsBoardMessage> messages, ThingsBoardTelemetryBuffer telemetry)
    {
        if (device is null)
        {
            telemetry.Add(null, entry);
            return;
        }

        // A device reported offline stays disconnected in ThingsBoard; its late telemetry is still stored there.
        if (!_offline.Contains(device) && _announced.Add(device))
        {
            messages.Add(ThingsBoardPayloads.Connect(ThingsBoardDeviceNames.Of(_schoolId, device), TypeOf(device)));
        }

        telemetry.Add(ThingsBoardDeviceNames.Of(_schoolId, device), entry);
    }

    private string TypeOf(string device) => _deviceTypes.TryGetValue(device, out var type) ? type : DefaultDeviceType;

    /// <summary>Writes one entry {"ts": ms, "values": {..., "edgeSequence": n, "edgeGateway": "school/gateway"}}.</summary>
    private byte[] Entry(OutboxRecord record, long timestampMs, Action<Utf8JsonWriter> writeValues)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("ts", timestampMs);
            writer.WriteStartObject("values");
            writeValues(writer);
            writer.WriteNumber(SequenceKey, record.Sequence);
            writer.WriteString(GatewayKey, _gateway);
            if (record.Clock != OutboxClockState.Synchronised)
            {
                writer.WriteString("edgeClock", record.Clock == OutboxClockState.Corrected ? "corrected" : "unsynchronised");
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the value under the point name; a quality other than "good" goes to "{point}.quality". JSON null is left out, since ThingsBoard rejects null values.</summary>
    private static void WriteSample(Utf8JsonWriter values, string pointName, JsonElement payload)
    {
        if (payload.TryGetProperty("value", out var value) && value.ValueKind != JsonValueKind.Null)
        {
            values.WritePropertyName(pointName);
            value.WriteTo(values);
        }

        if (Text(payload, "quality") is { } quality && quality != "good")
        {
            values.WriteString(pointName + ".quality", quality);
        }
    }

    private static void WriteSummary(Utf8JsonWriter values, string pointName, JsonElement payload)
    {
        foreach (var field in (ReadOnlySpan<string>)["min", "max", "mean", "count"])
        {
            if (payload.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number)
            {
                values.WritePropertyName($"{pointName}.{field}");
                value.WriteTo(values);
            }
        }
    }

    private static void WriteEvent(Utf8JsonWriter values, string eventType, JsonElement payload)
    {
        values.WriteString("event", eventType);
        if (payload.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
        {
            foreach (var attribute in attributes.EnumerateObject())
            {
                values.WritePropertyName("event." + attribute.Name);
                attribute.Value.WriteTo(values);
            }
        }
    }

    private static void WriteAlarm(Utf8JsonWriter values, string recordType, JsonElement payload)
    {
        values.WriteString("alarmType", recordType);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (field, key) in AlarmKeys)
        {
            if (Text(payload, field) is { } text && written.Add(key))
            {
                values.WriteString(key, text);
            }
        }

        if (payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
        {
            values.WritePropertyName("alarmMessage");
            message.WriteTo(values);
        }

        values.WritePropertyName("alarmPayload");
        payload.WriteTo(values);
    }

    private static void WriteRecord(Utf8JsonWriter values, string typeKey, string recordType, string payloadKey, JsonElement payload)
    {
        values.WriteString(typeKey, recordType);
        values.WritePropertyName(payloadKey);
        payload.WriteTo(values);
    }

    /// <summary>Device and point name of the payload's "point" ("device.point"); null when absent or malformed.</summary>
    private static (string Device, string Name)? PointOf(JsonElement payload)
    {
        var point = Text(payload, "point");
        var dot = point?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        return dot > 0 && dot < point!.Length - 1 ? (point[..dot], point[(dot + 1)..]) : null;
    }

    private static string? Text(JsonElement payload, string name) =>
        payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>
    /// Milliseconds since the Unix epoch: the payload's own time for records made on a synchronised clock, else the
    /// record's createdAt, which the outbox corrects once the clock is synchronised.
    /// </summary>
    private static long TimestampOf(OutboxRecord record, JsonElement payload, string field)
    {
        if (record.Clock == OutboxClockState.Synchronised
            && Text(payload, field) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUnixTimeMilliseconds();
        }

        return TimestampOf(record);
    }

    private static long TimestampOf(OutboxRecord record) => record.CreatedAt.ToUnixTimeMilliseconds();
}
