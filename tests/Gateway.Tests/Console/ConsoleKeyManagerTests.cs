using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Gateway.WebConsole.Security;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>
/// The console's key ring: data protection with the keys in JSON files instead of the XML key manager, with real
/// files. A new service container over the same folder simulates a gateway restart.
/// </summary>
public sealed class ConsoleKeyManagerTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-console-keys-").FullName;

    private string Keys => Path.Combine(_directory, "keys");

    [Fact]
    public void Protected_ReadableAfterRestart()
    {
        string payload;
        using (var before = Start())
        {
            payload = before.GetDataProtector("session").Protect("technician");
        }

        using var after = Start();

        Assert.Equal("technician", after.GetDataProtector("session").Unprotect(payload));
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => after.GetDataProtector("other purpose").Unprotect(payload));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Keys_JsonFilesOwnerOnly()
    {
        using (var provider = Start())
        {
            provider.GetDataProtector("session").Protect("technician");
        }

        var file = Assert.Single(Directory.GetFiles(Keys));

        Assert.EndsWith(".json", file, StringComparison.Ordinal);
        Assert.StartsWith("key-", Path.GetFileName(file), StringComparison.Ordinal);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Keys));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public void Keys_DatesAndRevocationKept()
    {
        var activation = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
        var expiration = activation.AddDays(90);
        Guid active;
        Guid revoked;
        using (var first = Manager())
        {
            active = first.CreateNewKey(activation, expiration).KeyId;
            revoked = first.CreateNewKey(activation, expiration).KeyId;
            first.RevokeKey(revoked, "test");
        }

        using var second = Manager();
        var keys = second.GetAllKeys().ToDictionary(key => key.KeyId);

        Assert.Equal(2, keys.Count);
        Assert.Equal(activation, keys[active].ActivationDate);
        Assert.Equal(expiration, keys[active].ExpirationDate);
        Assert.False(keys[active].IsRevoked);
        Assert.True(keys[revoked].IsRevoked);
        Assert.NotNull(keys[active].CreateEncryptor());
    }

    [Fact]
    public void NewKey_EndsCachedKeyRing()
    {
        using var manager = Manager();
        var token = manager.GetCacheExpirationToken();

        manager.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));

        Assert.True(token.IsCancellationRequested);
        Assert.False(manager.GetCacheExpirationToken().IsCancellationRequested);
    }

    [Fact]
    public void UnreadableKey_Skipped()
    {
        using (var first = Manager())
        {
            first.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));
        }

        File.WriteAllText(Path.Combine(Keys, "key-broken.json"), "{ \"id\": ");
        using var second = Manager();

        Assert.Single(second.GetAllKeys());
    }

    [Fact]
    public async Task Console_StoresKeysAsJson()
    {
        await using var rig = await ConsoleRig.StartAsync();
        using var client = new ConsoleClient(rig);
        await client.SetUpAsync(rig, "technician", "correct-horse-battery");

        var (status, _) = await client.GetPageAsync("/");
        var keys = Path.Combine(rig.DataDirectory, ConsoleAccountStore.FolderName, "keys");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(Directory.GetFiles(keys, "key-*.json"));
        Assert.Empty(Directory.GetFiles(keys, "*.xml"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ServiceProvider Start()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        ConsoleKeyManager.AddTo(services, Keys, TimeProvider.System);
        return services.BuildServiceProvider();
    }

    private ConsoleKeyManager Manager()
    {
        Directory.CreateDirectory(Keys);
        return new ConsoleKeyManager(Keys, NullLoggerFactory.Instance, TimeProvider.System);
    }
}
