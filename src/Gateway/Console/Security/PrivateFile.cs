namespace SmartCampus.Edge.Gateway.WebConsole.Security;

/// <summary>
/// Owner-only writes of the console's secrets (accounts, setup code, certificate, key ring). Each goes through a
/// temporary file with mode 0600 and a rename, so a power cut leaves the old file or the new one.
/// </summary>
internal static class PrivateFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
