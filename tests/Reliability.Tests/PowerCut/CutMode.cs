namespace SmartCampus.Edge.Reliability.Tests.PowerCut;

/// <summary>What a simulated power cut leaves of the writes that were not yet fsynced.</summary>
internal enum CutMode
{
    /// <summary>None of them reached the disk.</summary>
    DropAll,

    /// <summary>They reached the disk in the order written up to a random point; the write at that point is torn at a 512-byte sector.</summary>
    TornTail,

    /// <summary>
    /// Data file: each 4 KiB page of each write reached the disk or not, at random and in no order, as the page cache
    /// writes back; a truncation either reached it, or it and every later write of that file did not. Log file and
    /// its manifest (every file whose name contains "-log"): as <see cref="TornTail"/>.
    /// </summary>
    Scatter,

    /// <summary>
    /// As <see cref="Scatter"/> for the log file and its manifest too. LiteDB 5.0.21 has no checksum to notice a log
    /// page missing before the last; the outbox's log manifest has.
    /// </summary>
    ScatterLog,
}
