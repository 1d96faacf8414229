using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Sync.Downlink;

namespace SmartCampus.Edge.Sync.ThingsBoard;

/// <summary>
/// Runs ThingsBoard server-side RPCs as downlink commands. Methods "gate", "notice" and "alarm.ack" go to the host's
/// <see cref="IDownlinkCommandHandler"/>, the same handler as signed district commands, so life-safety interlocks of
/// the rule engine still win. "status.request" makes the uplink publish its status. Each request id is recorded
/// (fsynced) before it runs, and a redelivered id within <see cref="ThingsBoardOptions.RpcDuplicateWindow"/> gets the
/// reply "duplicate" without running again.
/// </summary>
/// <remarks>
/// RPCs carry no signature: ThingsBoard authenticates the gateway by its access token and is the only publisher on
/// the gateway's RPC topics. Configuration updates and restarts are therefore not offered as RPC methods.
/// </remarks>
internal sealed class ThingsBoardRpc : IDisposable
{
    public const string GateMethod = "gate";
    public const string NoticeMethod = "notice";
    public const string AlarmAckMethod = "alarm.ack";
    public const string Origin = "thingsboard";

    private const string Supported = $"{GateMethod}, {NoticeMethod}, {AlarmAckMethod}, {DownlinkProcessor.StatusRequestType}";

    private readonly string _schoolId;
    private readonly ThingsBoardOptions _options;
    private readonly IDownlinkCommandHandler? _handler;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly DownlinkLedger? _ledger;

    public ThingsBoardRpc(string schoolId, ThingsBoardOptions options, IDownlinkCommandHandler? handler, TimeProvider timeProvider, ILogger logger)
    {
        _schoolId = schoolId;
        _options = options;
        _handler = options.RpcEnabled ? handler : null;
        _timeProvider = timeProvider;
        _logger = logger;
        _ledger = _handler is null ? null : new DownlinkLedger(options.RpcLedgerPath);
    }

    public void Dispose() => _ledger?.Dispose();

    /// <summary>
    /// Runs one request and returns the reply, and whether the uplink should publish its status now. A ledger write
    /// that fails throws; the caller then leaves the message unacknowledged so the broker sends it again.
    /// </summary>
    public async Task<(ThingsBoardMessage Reply, bool PublishStatus)> ExecuteAsync(ThingsBoardRpcRequest request, CancellationToken cancellationToken)
    {
        if (_handler is null || _ledger is null)
        {
            return (Answer(request, "rejected", "RPC is turned off on this gateway; set district.rpc: true in campus.yaml to allow it"), false);
        }

        var deviceId = request.DeviceName is null ? null : ThingsBoardDeviceNames.DeviceId(_schoolId, request.DeviceName);
        if (request.DeviceName is not null && deviceId is null)
        {
            return (Answer(request, "rejected", $"device '{request.DeviceName}' does not belong to school '{_schoolId}'"), false);
        }

        var isStatusRequest = request.Method == DownlinkProcessor.StatusRequestType;
        var payload = default(JsonElement);
        if (!isStatusRequest)
        {
            payload = BuildPayload(request, deviceId, out var problem);
            if (payload.ValueKind == JsonValueKind.Undefined)
            {
                return (Answer(request, "rejected", problem), false);
            }
        }

        var now = _timeProvider.GetUtcNow();
        var command = new DownlinkCommand(LedgerId(request), request.Method, now, now + _options.RpcDuplicateWindow, Origin, payload);

        // Only this ledger's own RPC entries are purged; each expires after the duplicate window.
        _ledger.Purge(now, TimeSpan.Zero);
        if (_ledger.TryBegin(command, now) is { } seen)
        {
            return (Answer(request, "duplicate", $"already received, status {seen}"), false);
        }

        var result = isStatusRequest ? new DownlinkResult("ok", "the status follows as gateway telemetry") : await RunHandlerAsync(command, cancellationToken);
        _ledger.Complete(command.Id, result, _timeProvider.GetUtcNow());
        return (Answer(request, result.Status, result.Reason), isStatusRequest && result.Status == "ok");
    }

    /// <summary>Returns the reply to a message that is not a readable RPC request.</summary>
    public static ThingsBoardMessage? InvalidReply(string topic, string error)
    {
        // Only a request to the gateway device has its id in the topic; a broken v1/gateway/rpc message has no usable id.
        if (!topic.StartsWith(ThingsBoardTopics.GatewayRpcRequestPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var request = new ThingsBoardRpcRequest(null, topic[ThingsBoardTopics.GatewayRpcRequestPrefix.Length..], null, string.Empty, default);
        return ThingsBoardPayloads.RpcReply(request, "invalid", error);
    }

    private ThingsBoardMessage Answer(ThingsBoardRpcRequest request, string status, string? reason)
    {
        ThingsBoardLog.RpcAudited(_logger, request.DeviceName ?? "(gateway)", request.Id, request.Method, status, reason ?? string.Empty);
        return ThingsBoardPayloads.RpcReply(request, status, reason);
    }

    /// <summary>Runs a command built from a shared attribute through the handler; rejected when RPC is turned off.</summary>
    public Task<DownlinkResult> RunCommandAsync(DownlinkCommand command, CancellationToken cancellationToken) =>
        _handler is null
            ? Task.FromResult(DownlinkResult.Rejected("commands from ThingsBoard are turned off on this gateway; set district.rpc: true in campus.yaml to allow them"))
            : RunHandlerAsync(command, cancellationToken);

    private async Task<DownlinkResult> RunHandlerAsync(DownlinkCommand command, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RpcTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await _handler!.HandleAsync(command, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // A handler failure must not stop the RPC loop; ThingsBoard gets the error as the result.
            ThingsBoardLog.RpcHandlerFailed(_logger, command.Id, command.Type, exception);
            return DownlinkResult.Failed(exception.Message);
        }
    }

    /// <summary>"thingsboard/{device or gateway}/{request id}/{method}": the method makes a reused request number after a ThingsBoard restart less likely to match.</summary>
    private static string LedgerId(ThingsBoardRpcRequest request) =>
        $"{Origin}/{request.DeviceName ?? "(gateway)"}/{request.Id}/{request.Method}";

    /// <summary>
    /// Builds the downlink command payload of a method, taking the gate or board from the RPC's device when the
    /// params do not name one. Returns an undefined element with <paramref name="problem"/> set when it cannot.
    /// </summary>
    private static JsonElement BuildPayload(ThingsBoardRpcRequest request, string? deviceId, out string problem)
    {
        problem = string.Empty;
        var parameters = request.Params;
        switch (request.Method)
        {
            case GateMethod:
                var gate = Text(parameters, "gate") ?? deviceId;
                var gateCommand = parameters.ValueKind == JsonValueKind.String ? parameters.GetString() : Text(parameters, "command");
                if (gate is null || gateCommand is null)
                {
                    problem = "params invalid: expected {\"command\": \"openOnce\", \"normallyOpen\", \"locked\" or \"controlled\"}, and \"gate\" for an RPC to the gateway device";
                    return default;
                }

                return Json(writer =>
                {
                    writer.WriteString("gate", gate);
                    writer.WriteString("command", gateCommand);
                });
            case NoticeMethod:
                var text = parameters.ValueKind == JsonValueKind.String ? parameters : Property(parameters, "text");
                if (text.ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
                {
                    problem = "params invalid: expected {\"text\": {\"zh-CN\": ..., \"en\": ...} or \"...\", \"emergency\": false}, and \"target\" for an RPC to the gateway device";
                    return default;
                }

                return Json(writer =>
                {
                    writer.WriteString("target", Text(parameters, "target") ?? deviceId ?? "all");
                    writer.WritePropertyName("text");
                    text.WriteTo(writer);
                    writer.WriteBoolean("emergency", Property(parameters, "emergency").ValueKind == JsonValueKind.True);
                });
            case AlarmAckMethod:
                if (Text(parameters, "rule") is null)
                {
                    problem = "params invalid: expected {\"rule\": a rule id, \"by\": who acknowledges}";
                    return default;
                }

                return parameters.Clone();
            default:
                problem = $"unknown method '{request.Method}'; supported: {Supported}";
                return default;
        }
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>Builds a JSON object from the properties that <paramref name="writeProperties"/> writes.</summary>
    public static JsonElement Json(Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
