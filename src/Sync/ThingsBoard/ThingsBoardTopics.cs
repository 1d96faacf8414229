namespace SmartCampus.Edge.Sync.ThingsBoard;

/// <summary>
/// Topics of ThingsBoard's MQTT gateway API ("v1/gateway/...", for the devices behind the gateway) and device API
/// ("v1/devices/me/...", for the gateway device itself), as documented at thingsboard.io/docs/reference/gateway-mqtt-api.
/// </summary>
public static class ThingsBoardTopics
{
    public const string Connect = "v1/gateway/connect";

    public const string Disconnect = "v1/gateway/disconnect";

    public const string Telemetry = "v1/gateway/telemetry";

    /// <summary>Client attributes from the gateway, and shared attribute updates from ThingsBoard ({"device", "data"}).</summary>
    public const string Attributes = "v1/gateway/attributes";

    /// <summary>Attribute request of the gateway: {"id": n, "device": name, "client": false, "keys": [...]}.</summary>
    public const string AttributeRequest = "v1/gateway/attributes/request";

    /// <summary>Reply to an attribute request: {"id": n, "device": name, "values": {...}} or, for one key, "value".</summary>
    public const string AttributeResponse = "v1/gateway/attributes/response";

    /// <summary>Server-side RPC to a device behind the gateway; the reply goes to the same topic.</summary>
    public const string Rpc = "v1/gateway/rpc";

    public const string GatewayTelemetry = "v1/devices/me/telemetry";

    public const string GatewayAttributes = "v1/devices/me/attributes";

    /// <summary>Filter of server-side RPCs to the gateway device: "v1/devices/me/rpc/request/{requestId}".</summary>
    public const string GatewayRpcRequests = "v1/devices/me/rpc/request/+";

    public const string GatewayRpcRequestPrefix = "v1/devices/me/rpc/request/";

    public static string GatewayRpcResponse(string requestId) => $"v1/devices/me/rpc/response/{requestId}";
}
