namespace SmartCampus.Edge.Sync.Tests.Support;

/// <summary>
/// Opens the outbox's files as <see cref="FailingFile"/> streams, so a test can make the next writes or reads of one
/// of them fail with an <see cref="IOException"/>, as a failing device does under LiteDB, or the next opens fail with
/// an <see cref="UnauthorizedAccessException"/>, as a folder whose permissions were taken away does.
/// </summary>
public sealed class FailingDisk
{
    private readonly object _gate = new();
    private string? _writeSuffix;
    private int _writesToFail;
    private string? _readSuffix;
    private int _readsToFail;
    private int _opensToFail;

    /// <summary>Writes, reads and opens that failed so far.</summary>
    public int Failures { get; private set; }

    /// <summary>Opens a file the way the outbox opens its own (exclusive, read and write, unbuffered).</summary>
    public FileStream Open(string path)
    {
        lock (_gate)
        {
            if (_opensToFail > 0)
            {
                _opensToFail--;
                Failures++;
                throw new UnauthorizedAccessException($"Simulated: access to the path '{path}' is denied.");
            }
        }

        return new FailingFile(this, path);
    }

    /// <summary>Makes the next <paramref name="count"/> writes to a file whose name ends with <paramref name="nameSuffix"/> fail.</summary>
    public void FailNextWrites(string nameSuffix, int count = 1)
    {
        lock (_gate)
        {
            _writeSuffix = nameSuffix;
            _writesToFail = count;
        }
    }

    /// <summary>Makes the next <paramref name="count"/> reads of a file whose name ends with <paramref name="nameSuffix"/> fail.</summary>
    public void FailNextReads(string nameSuffix, int count = 1)
    {
        lock (_gate)
        {
            _readSuffix = nameSuffix;
            _readsToFail = count;
        }
    }

    /// <summary>Makes the next <paramref name="count"/> opens of any file fail.</summary>
    public void FailNextOpens(int count)
    {
        lock (_gate)
        {
            _opensToFail = count;
        }
    }

    internal void BeforeWrite(string path) => FailIfArmed(path, _writeSuffix, ref _writesToFail, "write");

    internal void BeforeRead(string path) => FailIfArmed(path, _readSuffix, ref _readsToFail, "read");

    private void FailIfArmed(string path, string? suffix, ref int left, string operation)
    {
        lock (_gate)
        {
            if (left == 0 || suffix is null || !path.EndsWith(suffix, StringComparison.Ordinal))
            {
                return;
            }

            left--;
            Failures++;
        }

        throw new IOException($"Simulated {operation} error on '{path}'.");
    }
}
