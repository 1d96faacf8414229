using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// Start-up half of a configuration update; call before the configuration is loaded. When a
/// <see cref="PendingConfiguration"/> marker is found it either counts this start as the trial of the new file or
/// puts the previous file back: when the new file does not validate, or when an earlier start with it did not
/// confirm it (the process crashed, was killed or exited with a fault; systemd's Restart= then starts it again).
/// </summary>
public static class ConfigurationTrial
{
    /// <summary>How long the gateway must run with a new configuration before it is kept.</summary>
    public static readonly TimeSpan ConfirmAfter = TimeSpan.FromSeconds(60);

    /// <summary>Returns null when no update is pending; otherwise what this start does with it.</summary>
    /// <param name="timeProvider">Clock for the trial's start time, shown when a second update has to wait.</param>
    public static ConfigurationChange? PrepareStart(string configurationPath, CultureInfo? messageCulture = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configurationPath);

        if (PendingConfiguration.Read(configurationPath) is not { } pending)
        {
            return null;
        }

        // The site file is not loaded yet, so gateway.language is unknown here. ConfigurationConfirmation words the
        // reason again in the operator language before it goes to the district.
        var culture = messageCulture ?? CultureInfo.CurrentUICulture;
        var onDisk = File.Exists(configurationPath) ? ConfigurationVersion.OfFile(configurationPath) : null;
        if (onDisk is not null && onDisk != pending.NewVersion && onDisk != pending.PreviousVersion)
        {
            // Neither the update nor the file it replaced: a technician wrote this file by hand, and it stays.
            PendingConfiguration.Delete(configurationPath);
            return Worded(Change(pending, ConfigurationChangeOutcome.Superseded) with { EditedVersion = onDisk }, culture);
        }

        if (onDisk != pending.NewVersion)
        {
            // The power went before the new file was in place: the old one is still there and nothing needs undoing.
            PendingConfiguration.Delete(configurationPath);
            return Worded(Change(pending, ConfigurationChangeOutcome.RolledBack) with { Cause = ConfigurationRollbackCause.NewFileNotInPlace }, culture);
        }

        if (pending.StartAttempts > 0)
        {
            return Worded(RollBack(configurationPath, pending) with { Cause = ConfigurationRollbackCause.NotConfirmed }, culture);
        }

        var result = SiteConfigurationLoader.Load(configurationPath, messageCulture);
        if (!result.IsValid)
        {
            var report = ConfigurationReport.Format(result);
            return Worded(RollBack(configurationPath, pending) with { Cause = ConfigurationRollbackCause.Invalid, Report = report }, culture);
        }

        var trialStart = (timeProvider ?? TimeProvider.System).GetUtcNow();
        (pending with { StartAttempts = pending.StartAttempts + 1, TrialStartedAt = trialStart }).Write(configurationPath);
        return Change(pending, ConfigurationChangeOutcome.OnTrial) with { DistrictRequired = pending.DistrictRequired };
    }

    /// <summary>Keeps the new configuration: removes the marker. The previous file stays for a manual rollback.</summary>
    public static void Confirm(string configurationPath) => PendingConfiguration.Delete(configurationPath);

    /// <summary>
    /// Lets the next start try the update on trial again instead of rolling it back, because this process stops for a
    /// restart that an operator or the district requested. A crash never gets here, so it still rolls back.
    /// </summary>
    public static void KeepForPlannedRestart(string configurationPath)
    {
        if (PendingConfiguration.Read(configurationPath) is { StartAttempts: > 0 } pending)
        {
            (pending with { StartAttempts = 0, TrialStartedAt = null }).Write(configurationPath);
        }
    }

    /// <summary>
    /// Puts the previous file back during the trial of <paramref name="change"/>; the caller restarts the gateway. A
    /// file that a technician edited by hand during the trial is kept instead, and the change is
    /// <see cref="ConfigurationChangeOutcome.Superseded"/>: the edited file already runs at the next start.
    /// </summary>
    public static ConfigurationChange RollBackDuringTrial(
        string configurationPath, ConfigurationChange change, ConfigurationRollbackCause cause, string reason, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (File.Exists(configurationPath) && ConfigurationVersion.OfFile(configurationPath) is var onDisk && onDisk != change.NewVersion)
        {
            PendingConfiguration.Delete(configurationPath);
            return Worded(change with { Outcome = ConfigurationChangeOutcome.Superseded, EditedVersion = onDisk }, culture);
        }

        DurableFile.Copy(PendingConfiguration.PreviousPath(configurationPath), configurationPath);
        PendingConfiguration.Delete(configurationPath);
        return change with { Outcome = ConfigurationChangeOutcome.RolledBack, Reason = reason, Cause = cause };
    }

    private static ConfigurationChange RollBack(string configurationPath, PendingConfiguration pending)
    {
        DurableFile.Copy(PendingConfiguration.PreviousPath(configurationPath), configurationPath);
        PendingConfiguration.Delete(configurationPath);
        return Change(pending, ConfigurationChangeOutcome.RolledBack);
    }

    private static ConfigurationChange Worded(ConfigurationChange change, CultureInfo culture) =>
        change with { Reason = ConfigurationChangeReason.Describe(change, culture) };

    private static ConfigurationChange Change(PendingConfiguration pending, ConfigurationChangeOutcome outcome) =>
        new(pending.CommandId, outcome, pending.NewVersion, pending.PreviousVersion);
}
