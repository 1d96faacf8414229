using SmartCampus.Edge.Sync.Files;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// Replaces a file so that it holds either the old or the new content in full, never a mix: the bytes go to a
/// temporary file in the same folder, which is fsynced and then renamed over the target (rename is atomic on one
/// file system), and then the folder is fsynced, so the rename itself survives a power cut and two replaces reach
/// the device in the order they were made.
/// </summary>
public static class DurableFile
{
    /// <exception cref="IOException">Writing, renaming or fsyncing failed; after a failed folder fsync the new
    /// content is in place but a power cut may still bring back the old file.</exception>
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
        DirectoryFsync.FlushParentOf(path);
    }

    /// <summary>Deletes a file, if it exists, so that it stays deleted after a power cut (the folder is fsynced).</summary>
    public static void Delete(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return;
        }

        File.Delete(path);
        DirectoryFsync.FlushParentOf(path);
    }

    /// <summary>Copies <paramref name="source"/> over <paramref name="target"/> the same way.</summary>
    public static void Copy(string source, string target) => Replace(target, File.ReadAllBytes(source));
}
