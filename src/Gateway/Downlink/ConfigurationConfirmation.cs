using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// Finishes a configuration update after the restart: a rolled-back update is reported at once; an update on trial
/// is kept (marker removed) once the host has run for <see cref="ConfigurationTrial.ConfirmAfter"/> and, when
/// <see cref="ConfigurationChange.DistrictRequired"/>, has connected to the district within that time; an update that
/// did not reach the district is rolled back and the gateway restarts with the previous file. A stop before the
/// confirmation leaves the marker, so the next start rolls back, unless the stop is a requested restart: then the
/// next start tries the update again. Reports go to the district as event records of type "configuration-applied" or
/// "configuration-rolled-back".
/// </summary>
public sealed partial class ConfigurationConfirmation(
    string configurationPath,
    ConfigurationChange change,
    OutboxStore outbox,
    GatewayRestart restart,
    OperatorLanguage language,
    IUplinkStateSource? uplink,
    TimeProvider timeProvider,
    ILogger<ConfigurationConfirmation> logger) : BackgroundService
{
    public const string AppliedType = "configuration-applied";

    public const string RolledBackType = "configuration-rolled-back";

    /// <summary>A technician edited the file by hand after the update was written; the edited file runs.</summary>
    public const string SupersededType = "configuration-superseded";

    /// <summary>How often the trial samples the district link, so a connection that drops again is still seen.</summary>
    private static readonly TimeSpan UplinkSampleInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (change.Outcome == ConfigurationChangeOutcome.OnTrial)
            {
                await RunTrialAsync(stoppingToken);
            }
            else
            {
                await ReportRolledBackAsync(change, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped during the trial: StopAsync decides whether the next start tries again or rolls back.
        }
    }

    /// <summary>
    /// Stops the trial. A requested restart is not a failed trial, so the next start tries the update again. Any other
    /// stop leaves the marker as it is, so the next start rolls back. This runs here rather than in ExecuteAsync,
    /// because ExecuteAsync may not have started when the host stops early.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (restart.Requested && change.Outcome == ConfigurationChangeOutcome.OnTrial)
        {
            ConfigurationTrial.KeepForPlannedRestart(configurationPath);
        }
    }

    private async Task RunTrialAsync(CancellationToken stoppingToken)
    {
        var checkDistrict = change.DistrictRequired && uplink is not null;
        var connected = false;
        var started = timeProvider.GetTimestamp();
        while (timeProvider.GetElapsedTime(started) < ConfigurationTrial.ConfirmAfter)
        {
            var left = ConfigurationTrial.ConfirmAfter - timeProvider.GetElapsedTime(started);
            await Task.Delay(checkDistrict && left > UplinkSampleInterval ? UplinkSampleInterval : left, timeProvider, stoppingToken);
            connected |= checkDistrict && uplink!.State.Connection == UplinkConnectionState.Connected;
        }

        if (checkDistrict && !connected)
        {
            var reason = DistrictFailure.Describe(uplink!.State, language.Culture);
            var rolledBack = ConfigurationTrial.RollBackDuringTrial(configurationPath, change, ConfigurationRollbackCause.DistrictUnreachable, reason, language.Culture);
            await ReportRolledBackAsync(rolledBack, stoppingToken);
            if (rolledBack.Outcome == ConfigurationChangeOutcome.RolledBack)
            {
                restart.Request($"configuration update {change.CommandId} rolled back");
            }

            return;
        }

        ConfigurationTrial.Confirm(configurationPath);
        LogApplied(logger, change.CommandId, change.NewVersion, change.PreviousVersion);
        await outbox.AppendAsync(OutboxLane.Events, AppliedType, Serialize(change), stoppingToken);
    }

    /// <summary>
    /// Reports an update that did not stay: rolled back, or superseded by a hand edit of the file. The start that found
    /// it had not read gateway.language yet, so the reason is worded again here in the operator language.
    /// </summary>
    private async Task ReportRolledBackAsync(ConfigurationChange ended, CancellationToken stoppingToken)
    {
        var rolledBack = ended with { Reason = ConfigurationChangeReason.Describe(ended, language.Culture) };
        if (rolledBack.Outcome == ConfigurationChangeOutcome.Superseded)
        {
            LogSuperseded(logger, rolledBack.CommandId, rolledBack.NewVersion, rolledBack.InForceVersion);
            await outbox.AppendAsync(OutboxLane.Events, SupersededType, Serialize(rolledBack), stoppingToken);
            return;
        }

        LogRolledBack(logger, rolledBack.CommandId, rolledBack.NewVersion, rolledBack.PreviousVersion, rolledBack.Reason ?? string.Empty);
        await outbox.AppendAsync(OutboxLane.Events, RolledBackType, Serialize(rolledBack), stoppingToken);
    }

    private byte[] Serialize(ConfigurationChange value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("commandId", value.CommandId);
            writer.WriteString("version", value.NewVersion);
            writer.WriteString("previousVersion", value.PreviousVersion);
            writer.WriteString("inForce", value.InForceVersion);
            if (value.Reason is not null)
            {
                writer.WriteString("reason", value.Reason);
            }

            writer.WriteString("time", timeProvider.GetUtcNow());
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    [LoggerMessage(EventId = 1272, Level = LogLevel.Information, Message = "Configuration update {CommandId} confirmed: version {Version} is in force (previous {PreviousVersion})")]
    private static partial void LogApplied(ILogger logger, string commandId, string version, string previousVersion);

    [LoggerMessage(EventId = 1273, Level = LogLevel.Error, Message = "Configuration update {CommandId} to version {Version} rolled back to {PreviousVersion}: {Reason}")]
    private static partial void LogRolledBack(ILogger logger, string commandId, string version, string previousVersion, string reason);

    [LoggerMessage(EventId = 1275, Level = LogLevel.Warning,
        Message = "Configuration update {CommandId} to version {Version} was superseded by a hand edit of the file: version {InForceVersion} runs and nothing was rolled back")]
    private static partial void LogSuperseded(ILogger logger, string commandId, string version, string inForceVersion);
}
