using System.Globalization;
using System.Text.Json;

namespace SmartCampus.Edge.Sync.ThingsBoard;

/// <summary>
/// A server-side RPC from ThingsBoard: to a device behind the gateway (v1/gateway/rpc, <see cref="DeviceName"/> set)
/// or to the gateway device itself (v1/devices/me/rpc/request/{id}, <see cref="DeviceName"/> null).
/// </summary>
internal sealed record ThingsBoardRpcRequest(string? DeviceName, string Id, long? NumericId, string Method, JsonElement Params)
{
    /// <summary>
    /// Parses an RPC message. Returns null for a message on v1/gateway/rpc that is not a request (the gateway's own
    /// reply, echoed by a broker that delivers a client's messages back to it). Throws <see cref="FormatException"/>
    /// or <see cref="JsonException"/> for a request that cannot be read.
    /// </summary>
    public static ThingsBoardRpcRequest? Parse(string topic, ReadOnlyMemory<byte> payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the RPC message is not a JSON object");
        }

        if (topic.StartsWith(ThingsBoardTopics.GatewayRpcRequestPrefix, StringComparison.Ordinal))
        {
            var requestId = topic[ThingsBoardTopics.GatewayRpcRequestPrefix.Length..];
            return new ThingsBoardRpcRequest(null, requestId, null, ReadMethod(root), ReadParams(root));
        }

        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("method", out _))
        {
            return null;
        }

        var device = root.TryGetProperty("device", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
        if (string.IsNullOrEmpty(device))
        {
            throw new FormatException("the RPC request has no \"device\"");
        }

        if (!data.TryGetProperty("id", out var id) || id.ValueKind is not (JsonValueKind.Number or JsonValueKind.String))
        {
            throw new FormatException("the RPC request has no \"data.id\"");
        }

        long? numericId = id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number) ? number : null;
        var text = numericId?.ToString(CultureInfo.InvariantCulture) ?? id.GetString() ?? id.GetRawText();
        return new ThingsBoardRpcRequest(device, text, numericId, ReadMethod(data), ReadParams(data));
    }

    private static string ReadMethod(JsonElement element)
    {
        var method = element.TryGetProperty("method", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return string.IsNullOrEmpty(method) ? throw new FormatException("the RPC request has no \"method\"") : method;
    }

    private static JsonElement ReadParams(JsonElement element) =>
        element.TryGetProperty("params", out var value) ? value.Clone() : default;
}
