using System.Globalization;
using System.Text;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Sync.Downlink;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// Stages a new site configuration from a <c>config.update</c> command. The text is validated as a whole with the
/// gateway's own loader. An invalid one is rejected with the validation report, and since nothing on disk changes,
/// the running configuration stays. A valid one is written over the configuration file atomically, after a copy of the
/// old file ("&lt;file&gt;.previous") and a <see cref="PendingConfiguration"/> marker; the caller then restarts the
/// gateway, and <see cref="ConfigurationTrial"/> decides at the next start whether the new file stays.
/// </summary>
public sealed class ConfigurationUpdater(string configurationPath, CultureInfo messageCulture)
{
    /// <summary>Validates and writes <paramref name="yaml"/>; returns ok (restart needed), or rejected with the reason.</summary>
    /// <param name="districtRequired">
    /// Whether the trial also needs a district connection: true for an update that came over the district link, or
    /// one made while the district was reachable, so that an update which cuts the link is rolled back.
    /// </param>
    public ConfigurationStageResult Stage(string commandId, string yaml, bool districtRequired = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(commandId);
        ArgumentNullException.ThrowIfNull(yaml);

        var folder = Path.GetDirectoryName(Path.GetFullPath(configurationPath))!;
        var result = SiteConfigurationLoader.LoadFromText(yaml, Path.GetFileName(configurationPath), folder, messageCulture);
        if (!result.IsValid)
        {
            return new ConfigurationStageResult(
                DownlinkResult.Rejected(Text("ConfigInvalidNotApplied") + Environment.NewLine + ConfigurationReport.Format(result)),
                RestartNeeded: false);
        }

        var content = Encoding.UTF8.GetBytes(yaml);
        var newVersion = ConfigurationVersion.Of(content);
        var currentVersion = ConfigurationVersion.OfFile(configurationPath);
        if (newVersion == currentVersion)
        {
            return new ConfigurationStageResult(new DownlinkResult("ok", Text("ConfigAlreadyInForce", newVersion)), RestartNeeded: false);
        }

        if (PendingConfiguration.Read(configurationPath) is { } pending)
        {
            return new ConfigurationStageResult(DownlinkResult.Rejected(StillPendingText(pending)), RestartNeeded: false);
        }

        // Order matters for a power cut: with the copy and the marker on disk first, any later state can be rolled back.
        DurableFile.Copy(configurationPath, PendingConfiguration.PreviousPath(configurationPath));
        new PendingConfiguration(commandId, newVersion, currentVersion, StartAttempts: 0, districtRequired).Write(configurationPath);
        DurableFile.Replace(configurationPath, content);

        var trialSeconds = (int)ConfigurationTrial.ConfirmAfter.TotalSeconds;
        var written = Text(districtRequired ? "ConfigWrittenDistrict" : "ConfigWritten", newVersion, currentVersion, trialSeconds);
        return new ConfigurationStageResult(new DownlinkResult("ok", written), RestartNeeded: true);
    }

    /// <summary>Why a second update waits: the first one waits for its restart, or is on trial until a known time.</summary>
    private string StillPendingText(PendingConfiguration pending)
    {
        if (pending is { StartAttempts: > 0, TrialStartedAt: { } started })
        {
            return Text("ConfigTrialRunning", pending.CommandId, pending.NewVersion, (started + ConfigurationTrial.ConfirmAfter).UtcDateTime);
        }

        return Text("ConfigWaitingForRestart", pending.CommandId, pending.NewVersion, (int)ConfigurationTrial.ConfirmAfter.TotalSeconds);
    }

    private string Text(string name, params object?[] arguments) => DownlinkText.Format(messageCulture, name, arguments);
}
