namespace SmartCampus.Edge.Gateway.Hosting;

/// <summary>
/// Exclusive lock on the data folder, so that two gateway processes never share one outbox or one set of
/// device connections. The lock is an open file with <see cref="FileShare.None"/>, which .NET maps to an
/// exclusive advisory <c>flock</c> on Linux; the kernel releases it when the process dies, even on SIGKILL.
/// </summary>
public sealed class InstanceLock : IDisposable
{
    public const string FileName = "gateway.lock";

    private readonly FileStream _stream;

    private InstanceLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Takes the lock, or returns false when another process (or another host in this process) holds it.</summary>
    public static bool TryAcquire(string dataDirectory, out InstanceLock? instanceLock)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = System.IO.Path.Combine(dataDirectory, FileName);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId);
            }

            stream.Flush(flushToDisk: true);
            instanceLock = new InstanceLock(stream, path);
            return true;
        }
        catch (IOException)
        {
            instanceLock = null;
            return false;
        }
    }

    public void Dispose() => _stream.Dispose();
}
