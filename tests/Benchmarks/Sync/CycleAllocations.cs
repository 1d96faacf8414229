using System.Diagnostics;

namespace SmartCampus.Edge.Benchmarks.Sync;

/// <summary>
/// Bytes allocated by the whole process (<see cref="GC.GetTotalAllocatedBytes(bool)"/>, precise) in each phase of
/// outbox cycles, and their time. Process-wide, because the outbox writer thread does the inserts and deletes.
/// </summary>
internal sealed class CycleAllocations
{
    private long _bytes;
    private long _started;

    public long AppendBytes { get; private set; }

    public long PeekBytes { get; private set; }

    public long DeleteBytes { get; private set; }

    public long TotalBytes => AppendBytes + PeekBytes + DeleteBytes;

    public TimeSpan Elapsed { get; private set; }

    public void StartCycle()
    {
        _started = Stopwatch.GetTimestamp();
        _bytes = GC.GetTotalAllocatedBytes(precise: true);
    }

    public void EndAppend() => AppendBytes += TakeAllocated();

    public void EndPeek() => PeekBytes += TakeAllocated();

    public void EndDelete()
    {
        DeleteBytes += TakeAllocated();
        Elapsed += Stopwatch.GetElapsedTime(_started);
    }

    private long TakeAllocated()
    {
        var now = GC.GetTotalAllocatedBytes(precise: true);
        var bytes = now - _bytes;
        _bytes = now;
        return bytes;
    }
}
