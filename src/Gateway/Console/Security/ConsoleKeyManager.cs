using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Gateway.WebConsole.Hosting;

namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>
/// The key ring of the console's session cookies and anti-forgery tokens, one JSON file per key in a folder that only
/// the gateway's user can open, so that sessions survive a restart. It replaces data protection's XML key manager,
/// which loads about 3.5 MB of XML libraries into a gateway that has no other use for them. Data protection itself
/// still decides when to create the next key (90 days by default) and keeps expired keys for reading old cookies.
/// </summary>
/// <remarks>
/// The master keys are stored unencrypted, as the XML key manager stores them on Linux. The folder's mode 0700 and
/// each file's mode 0600 protect them. Key files of the XML key manager (key-*.xml) are not read, so sessions
/// opened before this key ring was introduced end once.
/// </remarks>
internal sealed class ConsoleKeyManager : IKeyManager, IDisposable
{
    /// <summary>The framework's default master key size for AES-256-CBC with HMAC-SHA256, in bytes.</summary>
    private const int MasterKeyBytes = 64;

    private readonly string _folder;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private CancellationTokenSource _changed = new();

    public ConsoleKeyManager(string folder, ILoggerFactory loggers, TimeProvider timeProvider)
    {
        _folder = folder;
        _loggers = loggers;
        _logger = loggers.CreateLogger<ConsoleKeyManager>();
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Registers data protection with this key ring in <paramref name="folder"/>, which is created with mode 0700.
    /// </summary>
    public static void AddTo(IServiceCollection services, string folder, TimeProvider timeProvider)
    {
        var keys = Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keys.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        services.AddDataProtection().SetApplicationName("smartcampus-edge-console");
        services.Replace(ServiceDescriptor.Singleton<IKeyManager>(provider => new ConsoleKeyManager(keys.FullName, provider.GetRequiredService<ILoggerFactory>(), timeProvider)));
    }

    public IKey CreateNewKey(DateTimeOffset activationDate, DateTimeOffset expirationDate)
    {
        var masterKey = RandomNumberGenerator.GetBytes(MasterKeyBytes);
        try
        {
            var key = new ConsoleKey(Guid.NewGuid(), _timeProvider.GetUtcNow(), activationDate, expirationDate, isRevoked: false, masterKey, _loggers);
            lock (_lock)
            {
                Write(key.KeyId, key.CreationDate, activationDate, expirationDate, revoked: false, masterKey);
            }

            SignalChange();
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(masterKey);
        }
    }

    public IReadOnlyCollection<IKey> GetAllKeys()
    {
        lock (_lock)
        {
            return [.. ReadAll().Select(stored => stored.Key)];
        }
    }

    public CancellationToken GetCacheExpirationToken()
    {
        lock (_lock)
        {
            return _changed.Token;
        }
    }

    public void RevokeKey(Guid keyId, string? reason = null) => Revoke(key => key.KeyId == keyId);

    public void RevokeAllKeys(DateTimeOffset revocationDate, string? reason = null) => Revoke(key => key.CreationDate <= revocationDate);

    private void Revoke(Func<IKey, bool> applies)
    {
        lock (_lock)
        {
            foreach (var (key, masterKey) in ReadAll())
            {
                if (!key.IsRevoked && applies(key))
                {
                    Write(key.KeyId, key.CreationDate, key.ActivationDate, key.ExpirationDate, revoked: true, masterKey);
                }

                CryptographicOperations.ZeroMemory(masterKey);
            }
        }

        SignalChange();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _changed.Dispose();
        }
    }

    /// <summary>Makes the key ring provider read the keys again at its next use.</summary>
    private void SignalChange()
    {
        CancellationTokenSource previous;
        lock (_lock)
        {
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        previous.Cancel();
        previous.Dispose();
    }

    /// <summary>Every readable key file; a file that cannot be read is logged and skipped, as the XML key manager does.</summary>
    private List<(ConsoleKey Key, byte[] MasterKey)> ReadAll()
    {
        var keys = new List<(ConsoleKey, byte[])>();
        foreach (var path in Directory.EnumerateFiles(_folder, "key-*.json"))
        {
            try
            {
                keys.Add(Read(path));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                ConsoleLog.KeyUnreadable(_logger, path, exception.Message);
            }
        }

        return keys;
    }

    private (ConsoleKey Key, byte[] MasterKey) Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var masterKey = root.GetProperty("masterKey").GetBytesFromBase64();
        var key = new ConsoleKey(
            root.GetProperty("id").GetGuid(),
            root.GetProperty("creationDate").GetDateTimeOffset(),
            root.GetProperty("activationDate").GetDateTimeOffset(),
            root.GetProperty("expirationDate").GetDateTimeOffset(),
            root.GetProperty("revoked").GetBoolean(),
            masterKey,
            _loggers);
        return (key, masterKey);
    }

    private void Write(Guid keyId, DateTimeOffset creationDate, DateTimeOffset activationDate, DateTimeOffset expirationDate, bool revoked, byte[] masterKey)
    {
        var path = Path.Combine(_folder, $"key-{keyId.ToString("D", CultureInfo.InvariantCulture)}.json");
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", keyId);
            writer.WriteString("creationDate", creationDate);
            writer.WriteString("activationDate", activationDate);
            writer.WriteString("expirationDate", expirationDate);
            writer.WriteBoolean("revoked", revoked);
            writer.WriteBase64String("masterKey", masterKey);
            writer.WriteEndObject();
        }

        PrivateFile.Write(path, json.WrittenSpan);

        // Clear zeroes the written bytes, which hold the master key in base64.
        json.Clear();
    }
}
