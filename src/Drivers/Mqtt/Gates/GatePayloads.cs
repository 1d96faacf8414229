using System.Runtime.CompilerServices;
using System.Buffers;
using System.Text.Json;

namespace SmartCampus.Edge.Drivers.Mqtt.Gates;

/// <summary>JSON bodies of the gate topics, as documented in docs/campus-topics.md.</summary>
internal static class GatePayloads
{
    public static string WireName(GateCommand command) => command switch
    {
        GateCommand.OpenOnce => "openOnce",
        GateCommand.NormallyOpen => "normallyOpen",
        GateCommand.Locked => "locked",
        GateCommand.Controlled => "controlled",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    public static bool TryParseCommand(string? text, out GateCommand command)
    {
        foreach (var candidate in Enum.GetValues<GateCommand>())
        {
            if (string.Equals(WireName(candidate), text, StringComparison.Ordinal))
            {
                command = candidate;
                return true;
            }
        }

        command = default;
        return false;
    }

    public static byte[] Command(string id, GateCommand command) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["id"] = id, ["command"] = WireName(command) });

    public static bool TryParseEvent(ReadOnlySequence<byte> payload, int maxBytes, out GateUplinkEvent? value, out PayloadRejection rejection) =>
        HeartbeatParser.TryParseObject(payload, maxBytes, ReadEvent, out value, out rejection);

    public static bool TryParseAck(ReadOnlySequence<byte> payload, int maxBytes, out GateAck? value, out PayloadRejection rejection) =>
        HeartbeatParser.TryParseObject(payload, maxBytes, ReadAck, out value, out rejection);

    public static bool TryParseStatus(ReadOnlySequence<byte> payload, int maxBytes, out StrongBox<bool>? online, out PayloadRejection rejection) =>
        HeartbeatParser.TryParseObject(payload, maxBytes, ReadStatus, out online, out rejection);

    private static (GateUplinkEvent? Value, string? Error) ReadEvent(JsonElement root)
    {
        var type = Text(root, "type");
        if (type is null || !GateEventTypes.IsControllerEvent(type))
        {
            return (null, "field \"type\" is missing or not a known gate event");
        }

        var reason = Text(root, "reason");
        if (type == GateEventTypes.AccessDenied && reason is null)
        {
            return (null, "field \"reason\" is required for accessDenied");
        }

        var uid = Text(root, "uid");
        if (uid is { Length: > BoardUplinkParser.MaxUidLength })
        {
            return (null, $"field \"uid\" is longer than {BoardUplinkParser.MaxUidLength} characters");
        }

        int? door = root.TryGetProperty("door", out var doorElement) && doorElement.ValueKind == JsonValueKind.Number && doorElement.TryGetInt32(out var d) ? d : null;
        var timestamp = root.TryGetProperty("ts", out var ts) ? HeartbeatParser.ReadTimestamp(ts) : null;
        return (new GateUplinkEvent(type, uid?.ToUpperInvariant(), reason, door, timestamp), null);
    }

    private static (GateAck? Value, string? Error) ReadAck(JsonElement root)
    {
        var id = Text(root, "id");
        if (id is null)
        {
            return (null, "field \"id\" is missing or not a string");
        }

        if (!root.TryGetProperty("ok", out var ok) || ok.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return (null, "field \"ok\" is missing or not a boolean");
        }

        return (new GateAck(id, ok.GetBoolean(), Text(root, "reason")), null);
    }

    private static (StrongBox<bool>? Value, string? Error) ReadStatus(JsonElement root) =>
        root.TryGetProperty("online", out var online) && online.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? (new StrongBox<bool>(online.GetBoolean()), null)
            : (null, "field \"online\" is missing or not a boolean");

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(element.GetString()) && element.GetString()!.Length <= 256
            ? element.GetString()
            : null;
}
