using System.Text.Json;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Sync.Downlink;

namespace SmartCampus.Edge.Sync.ThingsBoard;

/// <summary>
/// Applies ThingsBoard shared attributes of campus devices as downlink commands: "notice" on a class board becomes a
/// notice to that board, "gateMode" on an access gate a gate command. They run through the same command handler as
/// RPCs and signed district commands, so life-safety interlocks of the rule engine still win. Other keys are left to
/// ThingsBoard (dashboards may keep their own settings there).
/// </summary>
/// <remarks>
/// ThingsBoard pushes a change as {"device": name, "data": {key: value, "deleted": [keys]}} on v1/gateway/attributes.
/// After every connect the gateway requests the current values on v1/gateway/attributes/request, so a change made
/// while the link was down still arrives. A value equal to the last one applied to the device since the gateway
/// started is not applied again, so reconnects and redeliveries do not repeat a notice. Each result goes back as the client attribute
/// "{key}Result" of the device.
/// </remarks>
internal sealed class ThingsBoardSharedAttributes
{
    public const string NoticeKey = "notice";
    public const string GateModeKey = "gateMode";
    public const string ClassBoardType = "class-board";
    public const string AccessGateType = "access-gate";

    private readonly string _schoolId;
    private readonly IReadOnlyDictionary<string, string> _deviceTypes;
    private readonly ThingsBoardRpc _rpc;
    private readonly TimeSpan _expiry;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Dictionary<(string DeviceId, string Key), string> _applied = [];
    private readonly Dictionary<int, (string DeviceId, string[] Keys)> _requests = [];
    private int _nextRequestId;

    public ThingsBoardSharedAttributes(string schoolId, ThingsBoardOptions options, ThingsBoardRpc rpc, TimeProvider timeProvider, ILogger logger)
    {
        _schoolId = schoolId;
        _deviceTypes = options.DeviceTypes;
        _rpc = rpc;
        _expiry = options.RpcDuplicateWindow;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Returns the shared attribute keys the gateway applies on a device of this ThingsBoard type.</summary>
    public static string[] KeysFor(string? deviceType) => deviceType switch
    {
        ClassBoardType => [NoticeKey],
        AccessGateType => [GateModeKey],
        _ => [],
    };

    /// <summary>Returns one request per device that has applicable keys, for a new connection.</summary>
    public List<ThingsBoardMessage> RequestAll()
    {
        _requests.Clear();
        var messages = new List<ThingsBoardMessage>();
        foreach (var (deviceId, type) in _deviceTypes.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var keys = KeysFor(type);
            if (keys.Length == 0)
            {
                continue;
            }

            var id = ++_nextRequestId;
            _requests[id] = (deviceId, keys);
            messages.Add(ThingsBoardPayloads.AttributeRequest(id, ThingsBoardDeviceNames.Of(_schoolId, deviceId), keys));
        }

        return messages;
    }

    /// <summary>
    /// Applies an update (<see cref="ThingsBoardTopics.Attributes"/>) or a response
    /// (<see cref="ThingsBoardTopics.AttributeResponse"/>). Returns the client attributes that report the results, or
    /// null when nothing was applied. A message that is not JSON throws <see cref="JsonException"/>.
    /// </summary>
    public async Task<ThingsBoardMessage?> HandleAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;

        // The gateway's own client attributes on v1/gateway/attributes ({"school/device": {...}}) have no "device".
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("device", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var name = nameElement.GetString()!;
        var deviceId = ThingsBoardDeviceNames.DeviceId(_schoolId, name);
        if (deviceId is null || !_deviceTypes.TryGetValue(deviceId, out var type))
        {
            ThingsBoardLog.AttributeIgnored(_logger, name, "the device is not configured on this gateway");
            return null;
        }

        var values = topic == ThingsBoardTopics.AttributeResponse ? ResponseValues(root, deviceId) : ValuesOf(root, "data");
        var results = new List<(string Key, DownlinkResult Result)>();
        foreach (var key in KeysFor(type))
        {
            if (values.TryGetValue(key, out var value))
            {
                if (await ApplyAsync(deviceId, name, key, value, cancellationToken) is { } result)
                {
                    results.Add((key, result));
                }
            }
        }

        return results.Count == 0 ? null : ThingsBoardPayloads.AttributeResults(name, results, _timeProvider.GetUtcNow());
    }

    /// <summary>
    /// Reads a response: {"id", "device", "values": {...}}, or {"id", "device", "value": v} when ThingsBoard returns one
    /// key of a request the gateway made with one key.
    /// </summary>
    private Dictionary<string, JsonElement> ResponseValues(JsonElement root, string deviceId)
    {
        var values = ValuesOf(root, "values");
        if (root.TryGetProperty("value", out var single)
            && root.TryGetProperty("id", out var idElement) && idElement.TryGetInt32(out var id)
            && _requests.TryGetValue(id, out var request) && request.DeviceId == deviceId && request.Keys.Length == 1)
        {
            values[request.Keys[0]] = single.Clone();
        }

        return values;
    }

    private static Dictionary<string, JsonElement> ValuesOf(JsonElement root, string property)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty(property, out var data) && data.ValueKind == JsonValueKind.Object)
        {
            foreach (var item in data.EnumerateObject())
            {
                values[item.Name] = item.Value.Clone();
            }
        }

        return values;
    }

    /// <summary>Runs one attribute value as a command, unless it equals the value last applied to the device.</summary>
    private async Task<DownlinkResult?> ApplyAsync(string deviceId, string name, string key, JsonElement value, CancellationToken cancellationToken)
    {
        var text = value.GetRawText();
        if (_applied.TryGetValue((deviceId, key), out var last) && last == text)
        {
            return null;
        }

        DownlinkResult result;
        if (BuildCommand(deviceId, key, value) is not { } command)
        {
            result = DownlinkResult.Rejected(key == NoticeKey
                ? "value invalid: expected a text or {\"zh-CN\": ..., \"en\": ...}"
                : "value invalid: expected \"normallyOpen\", \"locked\" or \"controlled\"");
        }
        else
        {
            result = await _rpc.RunCommandAsync(command, cancellationToken);
        }

        // Only an applied value is remembered, so a value rejected while a life-safety rule held the gate is tried
        // again with the values requested after the next connect.
        if (result.Status == DownlinkResult.Ok.Status)
        {
            _applied[(deviceId, key)] = text;
        }

        ThingsBoardLog.AttributeApplied(_logger, name, key, result.Status, result.Reason ?? string.Empty);
        return result;
    }

    private DownlinkCommand? BuildCommand(string deviceId, string key, JsonElement value)
    {
        JsonElement payload;
        string type;
        if (key == NoticeKey && value.ValueKind is JsonValueKind.String or JsonValueKind.Object)
        {
            type = ThingsBoardRpc.NoticeMethod;
            payload = ThingsBoardRpc.Json(writer =>
            {
                writer.WriteString("target", deviceId);
                writer.WritePropertyName("text");
                value.WriteTo(writer);
                writer.WriteBoolean("emergency", false);
            });
        }
        else if (key == GateModeKey && value.ValueKind == JsonValueKind.String && value.GetString() is "normallyOpen" or "locked" or "controlled")
        {
            // "openOnce" is an action, not a state, so it is an RPC only: a stored attribute would open the gate again.
            type = ThingsBoardRpc.GateMethod;
            payload = ThingsBoardRpc.Json(writer =>
            {
                writer.WriteString("gate", deviceId);
                writer.WriteString("command", value.GetString());
            });
        }
        else
        {
            return null;
        }

        var now = _timeProvider.GetUtcNow();
        var id = $"{ThingsBoardRpc.Origin}/{deviceId}/attribute/{key}/{now.ToUnixTimeMilliseconds()}";
        return new DownlinkCommand(id, type, now, now + _expiry, ThingsBoardRpc.Origin, payload);
    }
}
