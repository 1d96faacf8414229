namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>
/// The two roles of a console account, as stored in accounts.json and in the session's role claim. An
/// administrator may do everything. A technician may view every page, acknowledge and shelve alarms, run the
/// diagnostics and validate a configuration, but may not apply a configuration or open the accounts page.
/// </summary>
internal static class ConsoleRoles
{
    public const string Administrator = "administrator";

    public const string Technician = "technician";

    /// <summary>Name of the authorization policy that admits administrators only.</summary>
    public const string AdministratorPolicy = "console-administrator";

    public static bool IsKnown(string? role) => role is Administrator or Technician;
}
