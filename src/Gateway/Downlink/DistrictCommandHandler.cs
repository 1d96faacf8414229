using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Drivers.Mqtt.Gates;
using SmartCampus.Edge.Gateway.Devices;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Sync.Downlink;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// Carries out commands from the district after the uplink checked their signature, expiry and id:
/// <c>notice</c> (a notice or emergency notice to class boards), <c>gate</c> (a command to an access gate, which
/// the gate rejects while a life-safety rule holds it), <c>alarm.ack</c> (through <see cref="IDistrictAlarmCommands"/>)
/// <c>config.update</c> (through <see cref="ConfigurationUpdater"/> and a restart), <c>logs.request</c> (recent lines
/// from <see cref="RecentLogSink"/>) and <c>restart</c>. <c>status.request</c> is answered by the uplink itself. Every
/// other type is rejected with a reason.
/// </summary>
internal sealed partial class DistrictCommandHandler(
    DeviceRegistry registry,
    OperatorLanguage language,
    GatewayHostSettings settings,
    GatewayRestart restart,
    ILogger<DistrictCommandHandler> logger,
    IDistrictAlarmCommands? alarms = null,
    RecentLogSink? recentLogs = null) : IDownlinkCommandHandler
{
    public const string NoticeType = "notice";

    public const string GateType = "gate";

    public const string AlarmAckType = "alarm.ack";

    public const string ConfigUpdateType = "config.update";

    public const string RestartType = "restart";

    public const string LogsRequestType = "logs.request";

    public async Task<DownlinkResult> HandleAsync(DownlinkCommand command, CancellationToken cancellationToken)
    {
        var result = command.Type switch
        {
            NoticeType => await SendNoticeAsync(command, cancellationToken),
            GateType => await SendGateCommandAsync(command, cancellationToken),
            AlarmAckType => await AcknowledgeAlarmAsync(command, cancellationToken),
            ConfigUpdateType => UpdateConfiguration(command),
            RestartType => Restart(command),
            LogsRequestType => RequestLogs(command),
            _ => DownlinkResult.Rejected(Text(
                "TypeNotSupported", command.Type, $"{NoticeType}, {GateType}, {AlarmAckType}, {ConfigUpdateType}, {RestartType}, {LogsRequestType}, {DownlinkProcessor.StatusRequestType}")),
        };

        LogCommandHandled(logger, command.Id, command.Type, command.Origin ?? string.Empty, result.Status, result.Reason ?? string.Empty);
        return result;
    }

    /// <summary>Payload: <c>{"target": "all" | board id, "text": {"zh-CN": "…", "en": "…"} | "…", "emergency": false}</c>.</summary>
    private async Task<DownlinkResult> SendNoticeAsync(DownlinkCommand command, CancellationToken cancellationToken)
    {
        // The payload is checked first, so that a district sender learns about a bad field from any gateway.
        if (command.Payload.ValueKind != JsonValueKind.Object
            || !command.Payload.TryGetProperty("target", out var targetElement) || targetElement.ValueKind != JsonValueKind.String
            || targetElement.GetString() is not { Length: > 0 } target
            || !command.Payload.TryGetProperty("text", out var textElement) || ResolveText(textElement) is not { Length: > 0 } text)
        {
            return DownlinkResult.Rejected(Text("NoticePayloadInvalid"));
        }

        var emergency = false;
        if (command.Payload.TryGetProperty("emergency", out var emergencyElement))
        {
            if (emergencyElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return DownlinkResult.Rejected(Text("NoticeFieldInvalid", "emergency", emergencyElement.GetRawText(), "true/false"));
            }

            emergency = emergencyElement.ValueKind == JsonValueKind.True;
        }

        if (registry.ClassBoards is not { } boards)
        {
            return DownlinkResult.Rejected(Text("NoClassBoards"));
        }

        var sent = await boards.SendNoticeAsync(target, $"district-{command.Id}", text, emergency, cancellationToken);
        return sent > 0 ? DownlinkResult.Ok : DownlinkResult.Failed(Text("NoticeNotDelivered", target));
    }

    /// <summary>Payload: <c>{"gate": "gate-east", "command": "openOnce" | "normallyOpen" | "locked" | "controlled"}</c>.</summary>
    private async Task<DownlinkResult> SendGateCommandAsync(DownlinkCommand command, CancellationToken cancellationToken)
    {
        if (command.Payload.ValueKind != JsonValueKind.Object
            || !command.Payload.TryGetProperty("gate", out var gateElement) || gateElement.GetString() is not { Length: > 0 } gateId
            || !command.Payload.TryGetProperty("command", out var commandElement) || ParseGateCommand(commandElement.GetString()) is not { } gateCommand)
        {
            return DownlinkResult.Rejected(Text("GatePayloadInvalid"));
        }

        if (!registry.TryGet(gateId, out var driver) || driver is not AccessGateDriver gate)
        {
            return DownlinkResult.Rejected(Text("GateNotFound", gateId));
        }

        // The gate driver words its reasons in the current UI culture. Inside this async method the change stays in
        // this command's flow, so the reason is in the operator language whatever thread the command arrived on.
        CultureInfo.CurrentUICulture = language.Culture;
        var result = await gate.SendCommandAsync(gateCommand, $"district:{command.Origin ?? command.Id}", cancellationToken);
        return result.Outcome switch
        {
            GateCommandOutcome.Acknowledged => DownlinkResult.Ok,
            GateCommandOutcome.Rejected => DownlinkResult.Rejected(result.Reason ?? Text("GateHeld")),
            _ => DownlinkResult.Failed(result.Reason ?? Text("GateCommandFailed", gateId)),
        };
    }

    /// <summary>Payload: <c>{"rule": "fire-alarm", "by": "district user"}</c>; "by" defaults to the command's origin.</summary>
    private async Task<DownlinkResult> AcknowledgeAlarmAsync(DownlinkCommand command, CancellationToken cancellationToken)
    {
        if (command.Payload.ValueKind != JsonValueKind.Object
            || !command.Payload.TryGetProperty("rule", out var ruleElement) || ruleElement.GetString() is not { Length: > 0 } ruleId)
        {
            return DownlinkResult.Rejected(Text("AlarmPayloadInvalid"));
        }

        if (alarms is null)
        {
            return DownlinkResult.Rejected(Text("AlarmAckUnavailable"));
        }

        var by = command.Payload.TryGetProperty("by", out var byElement) && byElement.GetString() is { Length: > 0 } user
            ? user
            : command.Origin ?? "district";
        var outcome = await alarms.AcknowledgeAsync(ruleId, by, cancellationToken);
        var reason = outcome.Reason?.Format(language.Culture);
        return outcome.Accepted ? new DownlinkResult("ok", reason) : DownlinkResult.Rejected(reason ?? Text("AlarmNothingToAcknowledge", ruleId));
    }

    /// <summary>
    /// Payload: <c>{"yaml": "the whole campus.yaml"}</c>. Invalid text is rejected with the validation report and the
    /// running configuration stays; valid text is written and the gateway restarts to apply it.
    /// </summary>
    private DownlinkResult UpdateConfiguration(DownlinkCommand command)
    {
        if (settings.ConfigurationPath is not { } path)
        {
            return DownlinkResult.Rejected(Text("NoConfigurationFile"));
        }

        if (command.Payload.ValueKind != JsonValueKind.Object
            || !command.Payload.TryGetProperty("yaml", out var yamlElement) || yamlElement.GetString() is not { Length: > 0 } yaml)
        {
            return DownlinkResult.Rejected(Text("ConfigPayloadInvalid"));
        }

        var staged = new ConfigurationUpdater(path, language.Culture).Stage(command.Id, yaml, districtRequired: true);
        if (staged.RestartNeeded)
        {
            restart.Request($"configuration update {command.Id}");
        }

        return staged.Result;
    }

    /// <summary>
    /// Restarts the gateway process through systemd; the rule state and the outbox are saved on the way down. A
    /// configuration on trial stays on trial: <see cref="ConfigurationConfirmation"/> keeps the marker for the next start.
    /// </summary>
    private DownlinkResult Restart(DownlinkCommand command)
    {
        restart.Request($"district command {command.Id}");
        var delaySeconds = (int)GatewayRestart.Delay.TotalSeconds;
        var onTrial = settings.ConfigurationPath is { } path && PendingConfiguration.Read(path) is { StartAttempts: > 0 } pending ? pending : null;
        return onTrial is null
            ? new DownlinkResult("ok", Text("RestartInSeconds", delaySeconds))
            : new DownlinkResult("ok", Text("RestartKeepsTrial", delaySeconds, onTrial.NewVersion, (int)ConfigurationTrial.ConfirmAfter.TotalSeconds));
    }

    /// <summary>
    /// Payload: see <see cref="LogRequest"/>. Answers with the newest lines that match, within the request's bounds.
    /// The lines are those of the gateway's own log, which never holds secrets; the command itself is audited like
    /// any other.
    /// </summary>
    private DownlinkResult RequestLogs(DownlinkCommand command)
    {
        if (recentLogs is null)
        {
            return DownlinkResult.Rejected(Text("NoRecentLogs"));
        }

        if (!LogRequest.TryParse(command.Payload, language.Culture, out var request, out var problem))
        {
            return DownlinkResult.Rejected(problem);
        }

        var data = LogAnswer.Build(recentLogs.Read(request.MinimumLevel, request.Since), request);
        var returned = data.GetProperty("returned").GetInt32();
        return new DownlinkResult("ok", Text("LogLinesFollow", returned, LogRequest.LevelName(request.MinimumLevel))) { Data = data };
    }

    private string Text(string name, params object?[] arguments) => DownlinkText.Format(language.Culture, name, arguments);

    private string? ResolveText(JsonElement text) => text.ValueKind switch
    {
        JsonValueKind.String => text.GetString(),
        JsonValueKind.Object when text.TryGetProperty(language.Culture.Name, out var own) => own.GetString(),
        JsonValueKind.Object when text.TryGetProperty("zh-CN", out var chinese) => chinese.GetString(),
        JsonValueKind.Object when text.TryGetProperty("en", out var english) => english.GetString(),
        _ => null,
    };

    private static GateCommand? ParseGateCommand(string? text) => text switch
    {
        "openOnce" => GateCommand.OpenOnce,
        "normallyOpen" => GateCommand.NormallyOpen,
        "locked" => GateCommand.Locked,
        "controlled" => GateCommand.Controlled,
        _ => null,
    };

    [LoggerMessage(EventId = 1270, Level = LogLevel.Information, Message = "District command {CommandId} ({CommandType}) from {Origin}: {Status} {Reason}")]
    private static partial void LogCommandHandled(ILogger logger, string commandId, string commandType, string origin, string status, string reason);
}
