using System.Buffers;
using System.Text.Json;
using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Sync.ThingsBoard;

/// <summary>
/// Collects telemetry entries ({"ts": ms, "values": {...}}) per device and for the gateway device, and turns them
/// into one v1/gateway/telemetry message ({"school/device": [entries]}) and one v1/devices/me/telemetry message
/// ([entries]).
/// </summary>
internal sealed class ThingsBoardTelemetryBuffer
{
    private readonly Dictionary<string, List<byte[]>> _devices = new(StringComparer.Ordinal);
    private readonly List<byte[]> _gateway = [];

    /// <summary>Adds an entry for the named device, or for the gateway device itself when the name is null.</summary>
    public void Add(string? deviceName, byte[] entry)
    {
        if (deviceName is null)
        {
            _gateway.Add(entry);
            return;
        }

        if (!_devices.TryGetValue(deviceName, out var entries))
        {
            entries = [];
            _devices.Add(deviceName, entries);
        }

        entries.Add(entry);
    }

    /// <summary>Appends the messages for the collected entries (device telemetry first) and empties the buffer.</summary>
    public void FlushTo(List<ThingsBoardMessage> messages)
    {
        if (_devices.Count > 0)
        {
            messages.Add(new ThingsBoardMessage(ThingsBoardTopics.Telemetry, WriteDevices()));
            _devices.Clear();
        }

        if (_gateway.Count > 0)
        {
            messages.Add(new ThingsBoardMessage(ThingsBoardTopics.GatewayTelemetry, WriteArray(_gateway)));
            _gateway.Clear();
        }
    }

    private byte[] WriteDevices()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, entries) in _devices)
            {
                writer.WritePropertyName(name);
                WriteEntries(writer, entries);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] WriteArray(List<byte[]> entries)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            WriteEntries(writer, entries);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteEntries(Utf8JsonWriter writer, List<byte[]> entries)
    {
        writer.WriteStartArray();
        foreach (var entry in entries)
        {
            writer.WriteRawValue(entry, skipInputValidation: true);
        }

        writer.WriteEndArray();
    }
}
