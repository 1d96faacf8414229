using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// Finishes a configuration update after the restart: a rolled-back update is reported at once; an update on trial
/// is kept (marker removed) once the host has run for <see cref="ConfigurationTrial.ConfirmAfter"/>, then reported.
/// A stop before that leaves the marker, so the next start rolls back. Reports go to the district as event records
/// of type "configuration-applied" or "configuration-rolled-back".
/// </summary>
public sealed partial class ConfigurationConfirmation(
    string configurationPath,
    ConfigurationChange change,
    OutboxStore outbox,
    TimeProvider timeProvider,
    ILogger<ConfigurationConfirmation> logger) : BackgroundService
{
    public const string AppliedType = "configuration-applied";

    public const string RolledBackType = "configuration-rolled-back";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (change.Outcome == ConfigurationChangeOutcome.OnTrial)
            {
                await Task.Delay(ConfigurationTrial.ConfirmAfter, timeProvider, stoppingToken);
                ConfigurationTrial.Confirm(configurationPath);
                LogApplied(logger, change.CommandId, change.NewVersion, change.PreviousVersion);
                await outbox.AppendAsync(OutboxLane.Events, AppliedType, Serialize(change), stoppingToken);
            }
            else
            {
                LogRolledBack(logger, change.CommandId, change.NewVersion, change.PreviousVersion, change.Reason ?? string.Empty);
                await outbox.AppendAsync(OutboxLane.Events, RolledBackType, Serialize(change), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped during the trial: the marker stays and the next start rolls back.
        }
    }

    private byte[] Serialize(ConfigurationChange value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("commandId", value.CommandId);
            writer.WriteString("version", value.NewVersion);
            writer.WriteString("previousVersion", value.PreviousVersion);
            writer.WriteString("inForce", value.Outcome == ConfigurationChangeOutcome.OnTrial ? value.NewVersion : value.PreviousVersion);
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
}
