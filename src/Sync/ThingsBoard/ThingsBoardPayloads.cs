using System.Buffers;
using System.Text.Json;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Sync.Downlink;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Sync.ThingsBoard;

/// <summary>JSON messages of the ThingsBoard profile other than record telemetry: device connect, attributes, status, RPC replies.</summary>
internal static class ThingsBoardPayloads
{
    /// <summary>v1/gateway/connect: {"device": name, "type": type}; ThingsBoard creates the device with that type if it is new.</summary>
    public static ThingsBoardMessage Connect(string deviceName, string type) =>
        new(ThingsBoardTopics.Connect, Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("device", deviceName);
            writer.WriteString("type", type);
            writer.WriteEndObject();
        }));

    public static ThingsBoardMessage Disconnect(string deviceName) =>
        new(ThingsBoardTopics.Disconnect, Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("device", deviceName);
            writer.WriteEndObject();
        }));

    /// <summary>
    /// v1/gateway/attributes: the campus identity of each device,
    /// {"school/device": {"campusDevice": ..., "deviceKind": ..., "school": ..., "edgeGateway": ...}}.
    /// </summary>
    public static ThingsBoardMessage DeviceAttributes(string schoolId, string gateway, IEnumerable<KeyValuePair<string, string>> deviceKinds) =>
        new(ThingsBoardTopics.Attributes, Write(writer =>
        {
            writer.WriteStartObject();
            foreach (var (deviceId, kind) in deviceKinds)
            {
                writer.WriteStartObject(ThingsBoardDeviceNames.Of(schoolId, deviceId));
                writer.WriteString("campusDevice", deviceId);
                writer.WriteString("deviceKind", kind);
                writer.WriteString("school", schoolId);
                writer.WriteString(ThingsBoardRecordMapper.GatewayKey, gateway);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }));

    /// <summary>
    /// v1/gateway/attributes: the device's online state as the gateway's driver reported it, and when it changed
    /// ("onlineChangedAt", Unix milliseconds).
    /// </summary>
    public static ThingsBoardMessage DeviceOnline(string deviceName, bool online, long changedAtMilliseconds) =>
        new(ThingsBoardTopics.Attributes, Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject(deviceName);
            writer.WriteBoolean("online", online);
            writer.WriteNumber("onlineChangedAt", changedAtMilliseconds);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }));

    /// <summary>v1/gateway/attributes/request: the current shared values of <paramref name="keys"/> for one device.</summary>
    public static ThingsBoardMessage AttributeRequest(int id, string deviceName, IReadOnlyList<string> keys) =>
        new(ThingsBoardTopics.AttributeRequest, Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteString("device", deviceName);
            writer.WriteBoolean("client", false);
            writer.WriteStartArray("keys");
            foreach (var key in keys)
            {
                writer.WriteStringValue(key);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }));

    /// <summary>
    /// v1/gateway/attributes: the result of applying shared attributes, as client attribute "{key}Result" =
    /// {"status", "reason", "time"} of the device.
    /// </summary>
    public static ThingsBoardMessage AttributeResults(string deviceName, IEnumerable<(string Key, DownlinkResult Result)> results, DateTimeOffset now) =>
        new(ThingsBoardTopics.Attributes, Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject(deviceName);
            foreach (var (key, result) in results)
            {
                writer.WriteStartObject(key + "Result");
                writer.WriteString("status", result.Status);
                writer.WriteString("reason", result.Reason ?? string.Empty);
                writer.WriteString("time", now);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }));

    /// <summary>
    /// v1/devices/me/attributes: facts about the gateway that change rarely (ids, software and configuration version).
    /// </summary>
    public static ThingsBoardMessage GatewayAttributes(string schoolId, string gatewayId, DistrictStatus status) =>
        new(ThingsBoardTopics.GatewayAttributes, Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("school", schoolId);
            writer.WriteString("gateway", gatewayId);
            writer.WriteNumber("schemaVersion", DistrictPayloads.SchemaVersion);
            if (status.Gateway is { } gateway)
            {
                writer.WriteString("version", gateway.Version);
                if (gateway.ConfigurationVersion is not null)
                {
                    writer.WriteString("configurationVersion", gateway.ConfigurationVersion);
                }
            }

            writer.WriteEndObject();
        }));

    /// <summary>
    /// v1/devices/me/telemetry: the heartbeat as flat keys (backlog.alarms, dropped.telemetry, devices.online, ...),
    /// the same facts as the native status message.
    /// </summary>
    public static ThingsBoardMessage GatewayTelemetry(DistrictStatus status, DateTimeOffset now) =>
        new(ThingsBoardTopics.GatewayTelemetry, Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("ts", now.ToUnixTimeMilliseconds());
            writer.WriteStartObject("values");
            writer.WriteString("status", status.Online ? "online" : "offline");
            writer.WriteBoolean("sessionPresent", status.SessionPresent);
            WriteBacklog(writer, status, now);

            if (status.Uptime is { } uptime)
            {
                writer.WriteNumber("uptimeSeconds", (long)uptime.TotalSeconds);
            }

            if (status.Gateway is { } gateway)
            {
                writer.WriteNumber("devices.online", gateway.DevicesOnline);
                writer.WriteNumber("devices.offline", gateway.DevicesOffline);
                writer.WriteNumber("devices.neverSeen", gateway.DevicesNeverSeen);

                // Telemetry values are scalars, so the ids go as one comma-separated string.
                if (gateway.DevicesLeftOut.Count > 0)
                {
                    writer.WriteString("devices.leftOut", string.Join(",", gateway.DevicesLeftOut));
                }

                writer.WriteNumber("activeAlarms", gateway.ActiveAlarms);
                writer.WriteBoolean("clockSynchronised", gateway.ClockSynchronised);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }));

    /// <summary>
    /// Reply to an RPC: on v1/gateway/rpc {"device": name, "id": id, "data": result}, or for an RPC to the gateway
    /// device the result alone on v1/devices/me/rpc/response/{id}. The result is {"success": bool, "status": ...,
    /// "reason": ...}, or {"success": false, "error": ...} for a request that could not be run at all.
    /// </summary>
    public static ThingsBoardMessage RpcReply(ThingsBoardRpcRequest request, string status, string? reason)
    {
        var success = status == "ok";
        void WriteResult(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteBoolean("success", success);
            writer.WriteString("status", status);
            if (reason is not null)
            {
                writer.WriteString(success ? "reason" : "error", reason);
            }

            writer.WriteEndObject();
        }

        if (request.DeviceName is null)
        {
            return new ThingsBoardMessage(ThingsBoardTopics.GatewayRpcResponse(request.Id), Write(WriteResult));
        }

        return new ThingsBoardMessage(ThingsBoardTopics.Rpc, Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("device", request.DeviceName);
            if (request.NumericId is { } numericId)
            {
                writer.WriteNumber("id", numericId);
            }
            else
            {
                writer.WriteString("id", request.Id);
            }

            writer.WritePropertyName("data");
            WriteResult(writer);
            writer.WriteEndObject();
        }));
    }

    private static void WriteBacklog(Utf8JsonWriter writer, DistrictStatus status, DateTimeOffset now)
    {
        if (status.Backlog is not { } backlog)
        {
            return;
        }

        foreach (var lane in OutboxLaneNames.All)
        {
            var name = DistrictTopics.LaneName(lane);
            writer.WriteNumber($"backlog.{name}", backlog.Count(lane));
            writer.WriteNumber($"dropped.{name}", backlog.DroppedCount(lane));
            writer.WriteNumber($"downsampled.{name}", backlog.DownsampledCount(lane));
            writer.WriteNumber($"deadLettered.{name}", backlog.DeadLetteredCount(lane));
            if (backlog.OldestCreatedAt(lane) is { } oldest)
            {
                writer.WriteNumber($"oldestUnsentSeconds.{name}", Math.Max(0, (long)(now - oldest).TotalSeconds));
            }
        }

        writer.WriteNumber("disk.recordBytes", backlog.EstimatedBytes);
        writer.WriteNumber("disk.fileBytes", backlog.FileBytes);
        if (status.DiskBudgetBytes is { } budget)
        {
            writer.WriteNumber("disk.budgetBytes", budget);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
