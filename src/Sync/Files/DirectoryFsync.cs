using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace SmartCampus.Edge.Sync.Files;

/// <summary>
/// Makes the entries of a folder durable: after a rename, create or delete, the new name is on the device only once
/// the folder itself is fsynced (POSIX fsync(2) on a descriptor of the folder). Until then a power cut can bring back
/// the old file under the name, or lose a new file altogether. .NET has no API for it (File.OpenHandle refuses
/// folders), so this opens the folder read-only through libc. Windows needs no such step and skips it.
/// </summary>
public static partial class DirectoryFsync
{
    // O_RDONLY and O_CLOEXEC have these values on every Linux architecture; O_DIRECTORY does not (arm and arm64
    // differ from x86-64), so it is left out: fsync works on any descriptor of the folder.
    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000;

    private static readonly ConcurrentDictionary<string, long> Counts = new(StringComparer.Ordinal);

    /// <summary>Fsyncs the folder that contains <paramref name="filePath"/>.</summary>
    /// <exception cref="IOException">The folder cannot be opened or fsynced; the message names it and the errno.</exception>
    public static void FlushParentOf(string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        Flush(Path.GetDirectoryName(Path.GetFullPath(filePath)) ?? "/");
    }

    /// <summary>Fsyncs <paramref name="directoryPath"/>.</summary>
    /// <exception cref="IOException">The folder cannot be opened or fsynced; the message names it and the errno.</exception>
    public static void Flush(string directoryPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(directoryPath);
        var fullPath = FullPath(directoryPath);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = Open(fullPath, ReadOnly | CloseOnExec);
        if (descriptor < 0)
        {
            throw Failure("open", fullPath, Marshal.GetLastPInvokeError());
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw Failure("fsync", fullPath, Marshal.GetLastPInvokeError());
            }
        }
        finally
        {
            _ = Close(descriptor);
        }

        Counts.AddOrUpdate(fullPath, 1, (_, count) => count + 1);
    }

    /// <summary>Successful fsyncs of the folder since the process started; tests use it to see that a rename was followed by one.</summary>
    internal static long CountOf(string directoryPath) => Counts.GetValueOrDefault(FullPath(directoryPath));

    private static string FullPath(string directoryPath) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(directoryPath));

    private static IOException Failure(string call, string path, int errno) =>
        new($"Cannot make the entries of folder '{path}' durable: {call} failed with errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)}).");

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
