using System.Globalization;
using SmartCampus.Edge.Gateway.Downlink;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Configuration;

/// <summary>
/// What became of the last configuration update, from the console or the district, for the overview: on trial,
/// confirmed, rolled back (with the reason), superseded by a hand edit, or written and waiting for the restart.
/// </summary>
internal static class ConfigurationChangeStatus
{
    /// <summary>Returns the text and whether it is good news; null when this start had no update and none is waiting.</summary>
    public static (string Text, bool Good)? Describe(GatewayHostSettings settings)
    {
        if (settings.ConfigurationPath is not { } path)
        {
            return null;
        }

        var pending = PendingConfiguration.Read(path);
        if (settings.ConfigurationChange is not { } change)
        {
            // A marker with no start on it yet was written while this process runs: the restart is still to come.
            return pending is { StartAttempts: 0 }
                ? (ConsoleText.Format("ChangeWaitingForRestart", pending.NewVersion, pending.CommandId), true)
                : null;
        }

        if (change.Outcome == ConfigurationChangeOutcome.Superseded)
        {
            return (ConsoleText.Format("ChangeSuperseded", change.NewVersion, change.InForceVersion, change.CommandId), true);
        }

        if (change.Outcome == ConfigurationChangeOutcome.RolledBack)
        {
            return (ConsoleText.Format("ChangeRolledBack", change.NewVersion, change.PreviousVersion, change.CommandId, RollbackReason(change)), false);
        }

        // ConfigurationConfirmation removes the marker once the trial time has passed.
        return pending is null
            ? (ConsoleText.Format("ChangeConfirmed", change.NewVersion, change.PreviousVersion, change.CommandId), true)
            : (ConsoleText.Format("ChangeOnTrial", change.NewVersion, change.PreviousVersion, change.CommandId, (int)ConfigurationTrial.ConfirmAfter.TotalSeconds), true);
    }

    /// <summary>
    /// The rollback's reason in the page's language. The validation report inside it is in the operator language of
    /// the start that rolled back.
    /// </summary>
    private static string RollbackReason(ConfigurationChange change) =>
        ConfigurationChangeReason.Describe(change, CultureInfo.CurrentUICulture) ?? string.Empty;
}
