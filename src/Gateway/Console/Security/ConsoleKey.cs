using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>
/// One key of the console's key ring, as <see cref="ConsoleKeyManager"/> stores it: the framework's default algorithms
/// (AES-256-CBC with HMAC-SHA256) and a 512-bit master key, the same as a key that data protection creates itself.
/// </summary>
internal sealed class ConsoleKey : IKey
{
    private readonly AuthenticatedEncryptorFactory _factory;
    private IAuthenticatedEncryptor? _encryptor;

    public ConsoleKey(Guid keyId, DateTimeOffset creationDate, DateTimeOffset activationDate, DateTimeOffset expirationDate, bool isRevoked, byte[] masterKey, ILoggerFactory loggers)
    {
        KeyId = keyId;
        CreationDate = creationDate;
        ActivationDate = activationDate;
        ExpirationDate = expirationDate;
        IsRevoked = isRevoked;
        Descriptor = new AuthenticatedEncryptorDescriptor(new AuthenticatedEncryptorConfiguration(), new Secret(masterKey));
        _factory = new AuthenticatedEncryptorFactory(loggers);
    }

    public Guid KeyId { get; }

    public DateTimeOffset CreationDate { get; }

    public DateTimeOffset ActivationDate { get; }

    public DateTimeOffset ExpirationDate { get; }

    public bool IsRevoked { get; }

    public IAuthenticatedEncryptorDescriptor Descriptor { get; }

    /// <summary>Creates the encryptor once, because the key ring provider requests it at every key ring refresh.</summary>
    public IAuthenticatedEncryptor? CreateEncryptor() => _encryptor ??= _factory.CreateEncryptorInstance(this);
}
