using SmartCampus.Edge.Gateway.CampusBroker;
using SmartCampus.Edge.Gateway.Resources;

namespace SmartCampus.Edge.Gateway.CommandLine;

/// <summary>
/// <c>smartcampus-edge hash-password</c>: reads a password from standard input and prints its PBKDF2 hash for a
/// device account in <c>campus.yaml</c>. The password is read from input, never from the command line, so it does
/// not end up in the shell history or the process list.
/// </summary>
internal static class HashPasswordCommand
{
    /// <summary>Shortest password accepted for a device account.</summary>
    public const int MinimumLength = 12;

    public static async Task<int> ExecuteAsync(TextReader input, TextWriter output, TextWriter error)
    {
        var password = (await input.ReadLineAsync())?.TrimEnd('\r');
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            await error.WriteLineAsync(GatewayText.Format("HashPasswordTooShort", MinimumLength));
            return ExitCodes.InvalidConfiguration;
        }

        await output.WriteLineAsync(CampusPasswordHash.Create(password));
        return ExitCodes.Success;
    }
}
