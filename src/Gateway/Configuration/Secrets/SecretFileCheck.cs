using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Warnings;

namespace SmartCampus.Edge.Gateway.Configuration.Secrets;

/// <summary>
/// Finds the secret files of a site configuration (passwords, keys, tokens) that group or others may read or write,
/// for the start log and <c>smartcampus-edge check</c>. Only the permission bits are read, never the content. This is
/// the only check of these permissions, so each exposed file gets one warning.
/// </summary>
public static class SecretFileCheck
{
    // Write access counts too, because a user who can write a key file can replace the key.
    private const UnixFileMode OpenToOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>Returns every configured secret file that group or others may read or write; empty on Windows.</summary>
    public static IReadOnlyList<ExposedSecretFile> FindExposed(SiteConfiguration site)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (OperatingSystem.IsWindows())
        {
            return [];
        }

        var exposed = new List<ExposedSecretFile>();
        foreach (var (key, path) in SecretFiles(site))
        {
            // A file that vanished since the load is reported by the component that reads it.
            if (path is null || !File.Exists(path))
            {
                continue;
            }

            var mode = File.GetUnixFileMode(path);
            if ((mode & OpenToOthers) != 0)
            {
                exposed.Add(new ExposedSecretFile(key, path, mode));
            }
        }

        return exposed;
    }

    /// <summary>Returns one warning per exposed file with the fix, located at the file's key in the loaded file.</summary>
    internal static IEnumerable<LocatedWarning> Locate(IReadOnlyList<ExposedSecretFile> exposed, SourcePositions positions) =>
        exposed.Select(file => new LocatedWarning(
            positions.FindKey(file.Key) ?? LocatedWarning.Unlocated,
            null,
            new ProblemMessage(MessageKeys.SecretFileReadableByOthers, file.Key, file.Path, file.OctalMode)));

    private static IEnumerable<(string Key, string? Path)> SecretFiles(SiteConfiguration site)
    {
        yield return ("district.passwordFile", site.District.PasswordFile);
        yield return ("district.commandKeyFile", site.District.CommandKeyFile);
        yield return ("district.accessTokenFile", site.District.AccessTokenFile);
        yield return ("district.tlsClientKeyFile", site.District.TlsClientKeyFile);
        yield return ("campusBroker.tlsKeyFile", site.CampusBroker.TlsKeyFile);
        yield return ("campusBroker.tlsClientKeyFile", site.CampusBroker.TlsClientKeyFile);
        yield return ("console.keyFile", site.Console.KeyFile);
    }
}
