namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>
/// One console account as stored in accounts.json. <see cref="PasswordHash"/> is PBKDF2-SHA256 of the password, or
/// of a one-time code while <see cref="OneTimeCodeExpires"/> is set: an account signed in with such a code must
/// choose a password before it can open any other page. <see cref="SessionStamp"/> is a random value copied into
/// every session cookie; replacing it (password change or reset, disable, delete) ends all sessions of the account
/// at their next request.
/// </summary>
internal sealed record ConsoleAccount(
    string Username,
    string Role,
    string PasswordHash,
    string SessionStamp,
    DateTimeOffset Created,
    bool Disabled = false,
    DateTimeOffset? OneTimeCodeExpires = null)
{
    public bool IsAdministrator => Role == ConsoleRoles.Administrator;

    public bool MustChangePassword => OneTimeCodeExpires is not null;
}
