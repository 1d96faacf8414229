namespace SmartCampus.Edge.Drivers.Serial;

/// <summary>
/// A stream whose read can end after a timeout without bytes, and without losing any that arrive later: they stay in
/// the kernel or in the stream's buffer for the next read. The RTU frame reader uses it to wait for the silence that
/// ends a frame.
/// </summary>
internal interface ITimedReadStream
{
    /// <summary>
    /// Reads what has arrived, waiting up to <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/> for no
    /// limit) for the first byte. Returns the byte count, 0 at the end of the stream, or -1 when the timeout passed.
    /// </summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Drops the bytes received and not yet read.</summary>
    void DiscardInput();
}
