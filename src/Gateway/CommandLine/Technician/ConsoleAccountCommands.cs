using System.Diagnostics;
using SmartCampus.Edge.Gateway.WebConsole.Security;
using SmartCampus.Edge.Gateway.Resources;

namespace SmartCampus.Edge.Gateway.CommandLine.Technician;

/// <summary>
/// <c>console reset-password USER</c>: gives a console account a new one-time code, on the box itself, for an
/// administrator who is locked out. It also enables a disabled account and ends the account's sessions. The gateway
/// may keep running: the console reloads the accounts file at its next request.
/// </summary>
internal static class ConsoleAccountCommands
{
    public static int ResetPassword(string dataDirectory, string username, TextWriter output, TextWriter error, TimeProvider timeProvider)
    {
        var folder = Path.Combine(dataDirectory, ConsoleAccountStore.FolderName);
        if (!Directory.Exists(folder))
        {
            error.WriteLine(TechnicianText.Format("ConsoleNoAccounts", folder));
            return ExitCodes.Unavailable;
        }

        var store = new ConsoleAccountStore(dataDirectory, timeProvider);
        if (!store.HasAccount)
        {
            error.WriteLine(TechnicianText.Format("ConsoleNoAccounts", folder));
            return ExitCodes.Unavailable;
        }

        if (store.ResetPassword(username, out var code) != AccountChangeResult.Done)
        {
            var names = OperatorList.Join(store.List().Select(account => account.Username));
            error.WriteLine(TechnicianText.Format("ConsoleAccountNotFound", username, names));
            return ExitCodes.InvalidConfiguration;
        }

        if (!KeepGatewayOwner(folder, store.AccountsPath, error))
        {
            return ExitCodes.Unavailable;
        }

        output.WriteLine(TechnicianText.Format("ConsoleOneTimeCode", username, code));
        output.WriteLine(TechnicianText.Format("ConsoleOneTimeCodeExplain", (int)ConsoleAccountStore.OneTimeCodeLifetime.TotalHours));
        return ExitCodes.Success;
    }

    /// <summary>
    /// Gives the rewritten file the owner of the console folder. Run with sudo, the command writes the file as root
    /// with mode 0600, which the gateway's own user could then not read.
    /// </summary>
    private static bool KeepGatewayOwner(string folder, string file, TextWriter error)
    {
        if (OperatingSystem.IsWindows() || !Environment.IsPrivilegedProcess)
        {
            return true;
        }

        var start = new ProcessStartInfo("chown") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add($"--reference={folder}");
        start.ArgumentList.Add(file);
        using var chown = Process.Start(start);
        var problem = chown?.StandardError.ReadToEnd();
        chown?.WaitForExit();
        if (chown is { ExitCode: 0 })
        {
            return true;
        }

        error.WriteLine(TechnicianText.Format("ConsoleOwnerNotSet", file, folder, problem?.Trim()));
        return false;
    }
}
