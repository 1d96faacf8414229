using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmartCampus.Edge.Gateway.CampusBroker;

namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>
/// The console's one technician account and its one-time setup code, in <c>{dataDirectory}/console/</c>. There is no
/// default password: until an account exists, the console only accepts the setup code that the gateway printed to
/// its log at start. Both secrets are stored as PBKDF2-SHA256 hashes (100,000 iterations), never in clear.
/// </summary>
internal sealed partial class ConsoleAccountStore
{
    public const string FolderName = "console";

    private const string AccountFileName = "account.json";

    private const string SetupCodeFileName = "setup-code.hash";

    /// <summary>Digits in a setup code: 10^12 codes against a rate-limited form.</summary>
    private const int SetupCodeDigits = 12;

    private readonly Lock _gate = new();
    private readonly string _folder;
    private Account? _account;

    public ConsoleAccountStore(string dataDirectory)
    {
        _folder = Path.Combine(dataDirectory, FolderName);
        Directory.CreateDirectory(_folder);
        _account = ReadAccount(AccountPath);
    }

    public string Folder => _folder;

    public bool HasAccount
    {
        get
        {
            lock (_gate)
            {
                return _account is not null;
            }
        }
    }

    private string AccountPath => Path.Combine(_folder, AccountFileName);

    private string SetupCodePath => Path.Combine(_folder, SetupCodeFileName);

    /// <summary>
    /// Makes a new setup code, replacing any earlier one, and returns it for the log. Only its hash is stored.
    /// </summary>
    public string CreateSetupCode()
    {
        var digits = new StringBuilder(SetupCodeDigits + 2);
        for (var index = 0; index < SetupCodeDigits; index++)
        {
            if (index > 0 && index % 4 == 0)
            {
                digits.Append('-');
            }

            digits.Append((char)('0' + RandomNumberGenerator.GetInt32(10)));
        }

        var code = digits.ToString();
        lock (_gate)
        {
            WritePrivate(SetupCodePath, CampusPasswordHash.Create(code));
        }

        return code;
    }

    /// <summary>
    /// Creates the account when <paramref name="setupCode"/> matches the stored code, and deletes the code so it
    /// works once. False when there is no code, it does not match, or an account exists already.
    /// </summary>
    public bool TryCompleteSetup(string setupCode, string username, string password)
    {
        ArgumentNullException.ThrowIfNull(setupCode);
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);

        var normalised = setupCode.Trim().Replace(" ", string.Empty, StringComparison.Ordinal);
        lock (_gate)
        {
            if (_account is not null || !File.Exists(SetupCodePath))
            {
                return false;
            }

            var stored = File.ReadAllText(SetupCodePath).Trim();
            if (!CampusPasswordHash.Verify(stored, Encoding.UTF8.GetBytes(normalised)))
            {
                return false;
            }

            var account = new Account(username, CampusPasswordHash.Create(password));
            WritePrivate(AccountPath, JsonSerializer.Serialize(account));
            File.Delete(SetupCodePath);
            _account = account;
            return true;
        }
    }

    /// <summary>Checks a login in constant time per hash; an unknown user costs the same as a wrong password.</summary>
    public bool Verify(string? username, string? password)
    {
        Account? account;
        lock (_gate)
        {
            account = _account;
        }

        if (account is null || string.IsNullOrEmpty(password))
        {
            return false;
        }

        var passwordMatches = CampusPasswordHash.Verify(account.PasswordHash, Encoding.UTF8.GetBytes(password));
        return passwordMatches && string.Equals(account.Username, username, StringComparison.Ordinal);
    }

    /// <summary>
    /// Replaces the password of <paramref name="username"/> when <paramref name="currentPassword"/> is right; false
    /// otherwise, and then nothing changes. Sessions already open stay valid until they expire.
    /// </summary>
    public bool TryChangePassword(string username, string currentPassword, string newPassword)
    {
        ArgumentException.ThrowIfNullOrEmpty(newPassword);

        lock (_gate)
        {
            if (_account is not { } account
                || string.IsNullOrEmpty(currentPassword)
                || !CampusPasswordHash.Verify(account.PasswordHash, Encoding.UTF8.GetBytes(currentPassword))
                || !string.Equals(account.Username, username, StringComparison.Ordinal))
            {
                return false;
            }

            var changed = account with { PasswordHash = CampusPasswordHash.Create(newPassword) };
            WritePrivate(AccountPath, JsonSerializer.Serialize(changed));
            _account = changed;
            return true;
        }
    }

    public static bool IsValidUsername(string? username) => username is not null && UsernamePattern().IsMatch(username);

    private static Account? ReadAccount(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var account = JsonSerializer.Deserialize<Account>(File.ReadAllText(path));
        return account is { Username.Length: > 0 } && CampusPasswordHash.IsValid(account.PasswordHash)
            ? account
            : throw new InvalidDataException($"The console account file {path} is damaged. Delete it and restart the gateway to get a new setup code.");
    }

    /// <summary>Writes through a temporary file readable by the gateway's user only, so a power cut leaves the old or the new file.</summary>
    private static void WritePrivate(string path, string text)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stream.Write(Encoding.UTF8.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,32}$")]
    private static partial Regex UsernamePattern();

    private sealed record Account(string Username, string PasswordHash);
}
