namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// Replaces a file so that it holds either the old or the new content in full, never a mix: the bytes go to a
/// temporary file in the same folder, which is fsynced and then renamed over the target (rename is atomic on one
/// file system).
/// </summary>
/// <remarks>
/// NOTE: the folder is not fsynced after the rename (.NET has no API for it), so a power cut just after a replace may
/// bring back the old file; callers treat that as "not replaced", never as damage.
/// </remarks>
public static class DurableFile
{
    public static void Replace(string path, ReadOnlySpan<byte> content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Copies <paramref name="source"/> over <paramref name="target"/> the same way.</summary>
    public static void Copy(string source, string target) => Replace(target, File.ReadAllBytes(source));
}
