namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>What a new console password must be: long enough to resist guessing at the login's rate limit.</summary>
internal static class ConsolePasswordPolicy
{
    public const int MinLength = 10;

    public const int MaxLength = 128;

    /// <summary>Null when acceptable, else the resource key of the reason.</summary>
    public static string? Check(string? password, string? repeated)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
        {
            return "PasswordTooShort";
        }

        if (password.Length > MaxLength)
        {
            return "PasswordTooLong";
        }

        return password == repeated ? null : "PasswordMismatch";
    }
}
