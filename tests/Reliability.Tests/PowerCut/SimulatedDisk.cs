namespace SmartCampus.Edge.Reliability.Tests.PowerCut;

/// <summary>
/// The disk under one run of an outbox: hands out <see cref="VolatileFile"/>s as the outbox's file opener and counts
/// their operations (writes, truncations, fsyncs). At the operation chosen by <see cref="CutAtOperation"/> the power
/// goes: that operation and every later one blocks, so the process freezes at that instant as it would at a
/// real cut, and no error runs through LiteDB. <see cref="RestoreTo"/> then copies what reached the disk into a new
/// folder, and <see cref="Release"/> lets the frozen outbox go on writing into the old folder, which is thrown away.
/// Creating, deleting and renaming files count as done at once (the file system's journal); only content is lost.
/// </summary>
internal sealed class SimulatedDisk : IDisposable
{
    private readonly List<VolatileFile> _files = [];
    private readonly ManualResetEventSlim _released = new(initialState: false);
    private long _operations;
    private long _cutAt = long.MaxValue;
    private string? _cutOnlyAt;
    private readonly Queue<string> _trace = new();
    private volatile bool _cut;

    public bool IsCut => _cut;

    public long Operations => Interlocked.Read(ref _operations);

    /// <summary>The operation the power went at, e.g. "fsync outbox-log.db"; null when it went between operations.</summary>
    public string? CutOperation { get; private set; }

    /// <summary>The last operations before the cut, oldest first, for a failure message.</summary>
    public string Trace
    {
        get
        {
            lock (_trace)
            {
                return string.Join(", ", _trace);
            }
        }
    }

    public FileStream Open(string path)
    {
        Wait();
        var file = VolatileFile.Open(this, path);
        lock (_files)
        {
            _files.Add(file);
        }

        return file;
    }

    /// <summary>
    /// The power goes at operation number <paramref name="operation"/> (1 = the first), before it takes effect; with
    /// <paramref name="onlyAtKind"/> (e.g. "fsync") at the first operation of that kind from there on, on a file whose
    /// name contains <paramref name="onlyInFile"/>.
    /// </summary>
    public void CutAtOperation(long operation, string? onlyAtKind = null, string onlyInFile = "")
    {
        _cutOnlyAt = onlyAtKind is null ? null : $"{onlyAtKind} {onlyInFile}";
        Interlocked.Exchange(ref _cutAt, operation);
    }

    public void CutNow() => _cut = true;

    /// <summary>Called by a file before each operation (<paramref name="kind"/> on <paramref name="path"/>); blocks once the power is off.</summary>
    public void BeforeOperation(string kind, string path)
    {
        if (!_cut)
        {
            lock (_trace)
            {
                _trace.Enqueue($"{kind} {Path.GetFileName(path)}");
                if (_trace.Count > 60)
                {
                    _trace.Dequeue();
                }
            }
        }

        if (!_cut && Interlocked.Increment(ref _operations) >= Interlocked.Read(ref _cutAt) && IsCutKind(kind, path))
        {
            CutOperation = $"{kind} {Path.GetFileName(path)}";
            _cut = true;
        }

        Wait();
    }

    /// <summary>
    /// Call while the power is off. Copies the files of the outbox's folder into <paramref name="target"/> as they are
    /// on the disk: files open at the cut with what was fsynced and, by <paramref name="mode"/>, part of the rest;
    /// other files as they are. Returns the pending operations kept and the files closed with writes never fsynced.
    /// </summary>
    public (int Kept, int UnflushedCloses) RestoreTo(string source, string target, CutMode mode, Random random)
    {
        var kept = 0;
        var unflushedCloses = 0;
        lock (_files)
        {
            // Files still open are locked (and are written from their disk image below); the rest are copied as they are.
            var open = _files.Where(file => !file.ClosedBeforeCut).Select(file => Path.GetFileName(file.OpenPath)).ToHashSet(StringComparer.Ordinal);
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(source).Where(file => !file.EndsWith(".lock", StringComparison.Ordinal) && !open.Contains(Path.GetFileName(file))))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }

            foreach (var file in _files)
            {
                if (file.ClosedBeforeCut)
                {
                    unflushedCloses += file.UnflushedAtClose > 0 ? 1 : 0;
                    continue;
                }

                kept += file.RestoreTo(Path.Combine(target, Path.GetFileName(file.OpenPath)), mode, random);
            }
        }

        return (kept, unflushedCloses);
    }

    /// <summary>Lets the frozen threads go on; from here on their writes only reach the discarded folder.</summary>
    public void Release() => _released.Set();

    public void Dispose()
    {
        _released.Set();
        _released.Dispose();
    }

    private bool IsCutKind(string kind, string path) =>
        _cutOnlyAt is not { } only
        || (only.StartsWith(kind + " ", StringComparison.Ordinal) && Path.GetFileName(path).Contains(only[(kind.Length + 1)..], StringComparison.Ordinal));

    private void Wait()
    {
        if (_cut)
        {
            _released.Wait();
        }
    }
}
