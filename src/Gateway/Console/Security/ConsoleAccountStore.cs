using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmartCampus.Edge.Gateway.CampusBroker;

namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>
/// The console's named accounts and the first-start setup code, in <c>{dataDirectory}/console/</c>. There is no
/// default password: until an account exists, the console only accepts the setup code that the gateway printed to
/// its log at start, and that creates the first administrator. Passwords, one-time codes and the setup code are
/// stored as PBKDF2-SHA256 hashes (100,000 iterations), never in clear.
/// </summary>
/// <remarks>
/// The technician command line changes the same file while the gateway runs (a password reset for a locked-out
/// administrator), so every read first reloads the file when its time stamp or length changed.
/// </remarks>
internal sealed partial class ConsoleAccountStore
{
    public const string FolderName = "console";

    public const string AccountsFileName = "accounts.json";

    /// <summary>How long a one-time code of a new or reset account works.</summary>
    public static readonly TimeSpan OneTimeCodeLifetime = TimeSpan.FromHours(24);

    /// <summary>The single account of gateways set up before named accounts; read once and replaced by accounts.json.</summary>
    private const string LegacyAccountFileName = "account.json";

    private const string SetupCodeFileName = "setup-code.hash";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private readonly Lock _gate = new();
    private readonly string _folder;
    private readonly TimeProvider _timeProvider;
    private List<ConsoleAccount> _accounts;
    private (DateTime WrittenUtc, long Length) _loadedVersion;

    public ConsoleAccountStore(string dataDirectory, TimeProvider? timeProvider = null)
    {
        _folder = Path.Combine(dataDirectory, FolderName);
        _timeProvider = timeProvider ?? TimeProvider.System;
        Directory.CreateDirectory(_folder);
        _accounts = ReadAccounts() ?? MigrateLegacyAccount() ?? [];
    }

    public string Folder => _folder;

    public string AccountsPath => Path.Combine(_folder, AccountsFileName);

    public bool HasAccount
    {
        get
        {
            lock (_gate)
            {
                Reload();
                return _accounts.Count > 0;
            }
        }
    }

    private string SetupCodePath => Path.Combine(_folder, SetupCodeFileName);

    /// <summary>
    /// Makes a new setup code, replacing any earlier one, and returns it for the log. Only its hash is stored.
    /// </summary>
    public string CreateSetupCode()
    {
        var code = OneTimeCode.Create();
        lock (_gate)
        {
            WritePrivate(SetupCodePath, CampusPasswordHash.Create(code));
        }

        return code;
    }

    /// <summary>
    /// Creates the first account, an administrator, when <paramref name="setupCode"/> matches the stored code, and
    /// deletes the code so it works once. The code may be typed with or without its dashes (see <see cref="OneTimeCode.Normalise"/>).
    /// </summary>
    public SetupResult CompleteSetup(string setupCode, string username, string password)
    {
        ArgumentNullException.ThrowIfNull(setupCode);
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);

        lock (_gate)
        {
            Reload();
            if (_accounts.Count > 0)
            {
                return SetupResult.AlreadyUsed;
            }

            if (!File.Exists(SetupCodePath))
            {
                return SetupResult.NoCode;
            }

            var stored = File.ReadAllText(SetupCodePath).Trim();
            if (!CampusPasswordHash.Verify(stored, Encoding.UTF8.GetBytes(OneTimeCode.Normalise(setupCode))))
            {
                return SetupResult.WrongCode;
            }

            Save([new ConsoleAccount(username, ConsoleRoles.Administrator, CampusPasswordHash.Create(password), NewStamp(), _timeProvider.GetUtcNow())]);
            File.Delete(SetupCodePath);
            return SetupResult.Created;
        }
    }

    /// <summary>
    /// Checks a login and returns the account, or null. A disabled account, an expired one-time code and an unknown
    /// user are rejected like a wrong password, and an unknown user costs one hash as well.
    /// </summary>
    public ConsoleAccount? Verify(string? username, string? password)
    {
        ConsoleAccount? account;
        lock (_gate)
        {
            Reload();
            account = _accounts.Find(candidate => candidate.Username == username);
        }

        if (string.IsNullOrEmpty(password))
        {
            return null;
        }

        var typed = account is { MustChangePassword: true } ? OneTimeCode.Normalise(password) : password;
        var matches = CampusPasswordHash.Verify(account?.PasswordHash ?? UnknownUserHash.Value, Encoding.UTF8.GetBytes(typed));
        if (!matches || account is null || account.Disabled)
        {
            return null;
        }

        return account.OneTimeCodeExpires is { } expires && _timeProvider.GetUtcNow() >= expires ? null : account;
    }

    /// <summary>The enabled account a session with <paramref name="sessionStamp"/> belongs to; null once that session is revoked.</summary>
    public ConsoleAccount? FindSession(string? username, string? sessionStamp)
    {
        lock (_gate)
        {
            Reload();
            var account = _accounts.Find(candidate => candidate.Username == username);
            return account is { Disabled: false } && sessionStamp is not null && CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(account.SessionStamp), Encoding.UTF8.GetBytes(sessionStamp))
                ? account
                : null;
        }
    }

    public IReadOnlyList<ConsoleAccount> List()
    {
        lock (_gate)
        {
            Reload();
            return [.. _accounts];
        }
    }

    /// <summary>
    /// Replaces the password of <paramref name="username"/> when <paramref name="currentPassword"/> (or the account's
    /// one-time code) is right, and gives the account a new session stamp so that its other sessions end. Returns the
    /// changed account, or null when nothing changed.
    /// </summary>
    public ConsoleAccount? TryChangePassword(string username, string currentPassword, string newPassword)
    {
        ArgumentException.ThrowIfNullOrEmpty(newPassword);

        if (Verify(username, currentPassword) is null)
        {
            return null;
        }

        lock (_gate)
        {
            var index = _accounts.FindIndex(candidate => candidate.Username == username);
            if (index < 0)
            {
                return null;
            }

            var changed = _accounts[index] with
            {
                PasswordHash = CampusPasswordHash.Create(newPassword),
                SessionStamp = NewStamp(),
                OneTimeCodeExpires = null,
            };
            Replace(index, changed);
            return changed;
        }
    }

    /// <summary>Adds an account with a one-time code as its password; the code is returned once, for the administrator to hand over.</summary>
    public AccountChangeResult Add(string username, string role, out string oneTimeCode)
    {
        oneTimeCode = string.Empty;
        if (!IsValidUsername(username))
        {
            return AccountChangeResult.InvalidUsername;
        }

        if (!ConsoleRoles.IsKnown(role))
        {
            return AccountChangeResult.InvalidRole;
        }

        lock (_gate)
        {
            Reload();
            if (_accounts.Exists(candidate => candidate.Username == username))
            {
                return AccountChangeResult.AlreadyExists;
            }

            var code = OneTimeCode.Create();
            var account = new ConsoleAccount(username, role, CampusPasswordHash.Create(code), NewStamp(), _timeProvider.GetUtcNow(), OneTimeCodeExpires: CodeExpiry());
            Save([.. _accounts, account]);
            oneTimeCode = code;
            return AccountChangeResult.Done;
        }
    }

    /// <summary>
    /// Replaces the password with a new one-time code, re-enables the account and ends its sessions. The technician
    /// command line uses this for a locked-out administrator, so it works on the last administrator too.
    /// </summary>
    public AccountChangeResult ResetPassword(string username, out string oneTimeCode)
    {
        oneTimeCode = string.Empty;
        lock (_gate)
        {
            Reload();
            var index = _accounts.FindIndex(candidate => candidate.Username == username);
            if (index < 0)
            {
                return AccountChangeResult.NotFound;
            }

            var code = OneTimeCode.Create();
            Replace(index, _accounts[index] with
            {
                PasswordHash = CampusPasswordHash.Create(code),
                SessionStamp = NewStamp(),
                Disabled = false,
                OneTimeCodeExpires = CodeExpiry(),
            });
            oneTimeCode = code;
            return AccountChangeResult.Done;
        }
    }

    /// <summary>Disables or enables an account; disabling ends its sessions. The last enabled administrator stays enabled.</summary>
    public AccountChangeResult SetDisabled(string username, bool disabled)
    {
        lock (_gate)
        {
            Reload();
            var index = _accounts.FindIndex(candidate => candidate.Username == username);
            if (index < 0)
            {
                return AccountChangeResult.NotFound;
            }

            if (disabled && IsLastAdministrator(_accounts[index]))
            {
                return AccountChangeResult.LastAdministrator;
            }

            Replace(index, _accounts[index] with { Disabled = disabled, SessionStamp = disabled ? NewStamp() : _accounts[index].SessionStamp });
            return AccountChangeResult.Done;
        }
    }

    /// <summary>Deletes an account and so ends its sessions. The last enabled administrator cannot be deleted.</summary>
    public AccountChangeResult Delete(string username)
    {
        lock (_gate)
        {
            Reload();
            var account = _accounts.Find(candidate => candidate.Username == username);
            if (account is null)
            {
                return AccountChangeResult.NotFound;
            }

            if (IsLastAdministrator(account))
            {
                return AccountChangeResult.LastAdministrator;
            }

            Save([.. _accounts.Where(candidate => candidate.Username != username)]);
            return AccountChangeResult.Done;
        }
    }

    public static bool IsValidUsername(string? username) => username is not null && UsernamePattern().IsMatch(username);

    private static readonly Lazy<string> UnknownUserHash = new(() => CampusPasswordHash.Create(OneTimeCode.Create()));

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private DateTimeOffset CodeExpiry() => _timeProvider.GetUtcNow() + OneTimeCodeLifetime;

    private bool IsLastAdministrator(ConsoleAccount account) =>
        account is { IsAdministrator: true, Disabled: false }
        && !_accounts.Exists(other => other.Username != account.Username && other is { IsAdministrator: true, Disabled: false });

    private void Replace(int index, ConsoleAccount account)
    {
        var accounts = new List<ConsoleAccount>(_accounts) { [index] = account };
        Save(accounts);
    }

    /// <summary>Writes the list and takes it as the current one; call under the lock.</summary>
    private void Save(List<ConsoleAccount> accounts)
    {
        WritePrivate(AccountsPath, JsonSerializer.Serialize(accounts, JsonOptions));
        _accounts = accounts;
        _loadedVersion = VersionOf(AccountsPath);
    }

    /// <summary>Reloads the file when another process (the technician command line) changed it; call under the lock.</summary>
    private void Reload()
    {
        if (VersionOf(AccountsPath) == _loadedVersion)
        {
            return;
        }

        try
        {
            _accounts = ReadAccounts() ?? _accounts;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or JsonException)
        {
            // NOTE: while the file cannot be read (it is being replaced, or root wrote it with the wrong owner), the
            // accounts loaded before stay in force. The next request tries again.
        }
    }

    private List<ConsoleAccount>? ReadAccounts()
    {
        var path = AccountsPath;
        if (!File.Exists(path))
        {
            return null;
        }

        var version = VersionOf(path);
        var accounts = JsonSerializer.Deserialize<List<ConsoleAccount>>(File.ReadAllText(path));
        if (accounts is null || accounts.Exists(account => !IsValidUsername(account.Username) || !ConsoleRoles.IsKnown(account.Role)
            || !CampusPasswordHash.IsValid(account.PasswordHash) || string.IsNullOrEmpty(account.SessionStamp)))
        {
            throw new InvalidDataException($"The console accounts file {path} is damaged. Restore it from a backup, or delete it and restart the gateway to get a new setup code.");
        }

        _loadedVersion = version;
        return accounts;
    }

    /// <summary>Turns the single account of an older gateway into its first administrator.</summary>
    private List<ConsoleAccount>? MigrateLegacyAccount()
    {
        var legacyPath = Path.Combine(_folder, LegacyAccountFileName);
        if (!File.Exists(legacyPath))
        {
            return null;
        }

        var legacy = JsonSerializer.Deserialize<LegacyAccount>(File.ReadAllText(legacyPath));
        if (legacy is not { Username.Length: > 0 } || !CampusPasswordHash.IsValid(legacy.PasswordHash))
        {
            throw new InvalidDataException($"The console account file {legacyPath} is damaged. Delete it and restart the gateway to get a new setup code.");
        }

        List<ConsoleAccount> accounts = [new(legacy.Username, ConsoleRoles.Administrator, legacy.PasswordHash, NewStamp(), _timeProvider.GetUtcNow())];
        lock (_gate)
        {
            Save(accounts);
        }

        File.Delete(legacyPath);
        return accounts;
    }

    private static (DateTime WrittenUtc, long Length) VersionOf(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? (file.LastWriteTimeUtc, file.Length) : (DateTime.MinValue, -1);
    }

    private static void WritePrivate(string path, string text) => PrivateFile.Write(path, Encoding.UTF8.GetBytes(text));

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,32}$")]
    private static partial Regex UsernamePattern();

    private sealed record LegacyAccount(string Username, string PasswordHash);
}
