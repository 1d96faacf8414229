using System.Globalization;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// Words why a configuration update did not stay, from <see cref="ConfigurationChange.Cause"/> or the hand-edited
/// version, so that the district event and the console each state it in their own language.
/// </summary>
public static class ConfigurationChangeReason
{
    /// <summary>
    /// Returns the reason in <paramref name="culture"/>. The validation report inside an invalid update's reason stays in
    /// the language it was made in. A rollback without a cause, and a district rollback whose reason was worded in the
    /// operator language during the trial, keep <see cref="ConfigurationChange.Reason"/>.
    /// </summary>
    public static string? Describe(ConfigurationChange change, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(culture);

        if (change.Outcome == ConfigurationChangeOutcome.Superseded)
        {
            return DownlinkText.Format(culture, "ConfigHandEdited", change.NewVersion, change.CommandId, change.InForceVersion);
        }

        if (change.Outcome != ConfigurationChangeOutcome.RolledBack)
        {
            return change.Reason;
        }

        return change.Cause switch
        {
            ConfigurationRollbackCause.NewFileNotInPlace => DownlinkText.Format(culture, "RollbackNewFileNotInPlace"),
            ConfigurationRollbackCause.NotConfirmed => DownlinkText.Format(culture, "RollbackNotConfirmed"),
            ConfigurationRollbackCause.Invalid => DownlinkText.Format(culture, "RollbackInvalid", change.Report ?? string.Empty),
            _ => change.Reason,
        };
    }
}
