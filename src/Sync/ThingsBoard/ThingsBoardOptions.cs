namespace SmartCampus.Edge.Sync.ThingsBoard;

/// <summary>
/// Settings of the <see cref="ThingsBoardUplink"/> beside the shared <see cref="Uplink.UplinkOptions"/> (broker,
/// TLS, timeouts, batch limits, heartbeat interval).
/// </summary>
public sealed class ThingsBoardOptions
{
    /// <summary>
    /// File that contains the gateway device's ThingsBoard access token (one line, chmod 600). The token is sent as
    /// the MQTT user name and never logged.
    /// </summary>
    public string AccessTokenFile { get; set; } = string.Empty;

    /// <summary>
    /// Campus device id → ThingsBoard device type (the device kind in campus.yaml, e.g. "modbus-tcp"). Every device
    /// listed is announced with v1/gateway/connect after each connect; a device seen only in records gets "default".
    /// </summary>
    public IReadOnlyDictionary<string, string> DeviceTypes { get; set; } = new Dictionary<string, string>();

    /// <summary>Runs server-side RPCs through the downlink command handler; false answers every RPC with an error.</summary>
    public bool RpcEnabled { get; set; }

    /// <summary>LiteDB file that records RPC request ids, so a redelivered request is not run twice.</summary>
    public string RpcLedgerPath { get; set; } = string.Empty;

    /// <summary>
    /// How long an RPC request id is remembered. ThingsBoard numbers RPCs per device and may reuse a number after its
    /// own restart, so the window is short (default 10 minutes) rather than days.
    /// </summary>
    public TimeSpan RpcDuplicateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest time one RPC may run in the command handler before it is answered as failed.</summary>
    public TimeSpan RpcTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
