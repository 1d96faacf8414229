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
    public ConfigurationStageResult Stage(string commandId, string yaml)
    {
        ArgumentException.ThrowIfNullOrEmpty(commandId);
        ArgumentNullException.ThrowIfNull(yaml);

        var folder = Path.GetDirectoryName(Path.GetFullPath(configurationPath))!;
        var result = SiteConfigurationLoader.LoadFromText(yaml, Path.GetFileName(configurationPath), folder, messageCulture);
        if (!result.IsValid)
        {
            return new ConfigurationStageResult(
                DownlinkResult.Rejected("The new configuration is invalid and was not applied; the current one keeps running." + Environment.NewLine + ConfigurationReport.Format(result)),
                RestartNeeded: false);
        }

        var content = Encoding.UTF8.GetBytes(yaml);
        var newVersion = ConfigurationVersion.Of(content);
        var currentVersion = ConfigurationVersion.OfFile(configurationPath);
        if (newVersion == currentVersion)
        {
            return new ConfigurationStageResult(new DownlinkResult("ok", $"Configuration version {newVersion} is already in force."), RestartNeeded: false);
        }

        if (PendingConfiguration.Read(configurationPath) is { } pending)
        {
            return new ConfigurationStageResult(
                DownlinkResult.Rejected($"The update of command {pending.CommandId} (version {pending.NewVersion}) is not confirmed yet; send this one again after the gateway has restarted."),
                RestartNeeded: false);
        }

        // Order matters for a power cut: with the copy and the marker on disk first, any later state can be rolled back.
        DurableFile.Copy(configurationPath, PendingConfiguration.PreviousPath(configurationPath));
        new PendingConfiguration(commandId, newVersion, currentVersion, StartAttempts: 0).Write(configurationPath);
        DurableFile.Replace(configurationPath, content);

        return new ConfigurationStageResult(
            new DownlinkResult("ok", $"Configuration version {newVersion} written (previous {currentVersion}); the gateway restarts to apply it and rolls back if it does not start."),
            RestartNeeded: true);
    }
}
