namespace SmartCampus.Edge.Sync.Outbox;

/// <summary>
/// Record count, estimated bytes and dropped records per lane. The store keeps one instance as its live totals
/// (written only by the writer thread, read by any thread); the writer builds another per commit as the change.
/// </summary>
internal sealed class LaneTotals
{
    private readonly long[] _counts = new long[3];
    private readonly long[] _bytes = new long[3];
    private readonly long[] _dropped = new long[3];
    private readonly long[] _downsampled = new long[3];
    private readonly long[] _deadLettered = new long[3];

    public long Count(OutboxLane lane) => Interlocked.Read(ref _counts[(int)lane]);

    public long Bytes(OutboxLane lane) => Interlocked.Read(ref _bytes[(int)lane]);

    public long Dropped(OutboxLane lane) => Interlocked.Read(ref _dropped[(int)lane]);

    /// <summary>Records replaced by down-sampling summaries.</summary>
    public long Downsampled(OutboxLane lane) => Interlocked.Read(ref _downsampled[(int)lane]);

    /// <summary>Records moved to the dead-letter collection because the district could never take them.</summary>
    public long DeadLettered(OutboxLane lane) => Interlocked.Read(ref _deadLettered[(int)lane]);

    public long TotalCount => Count(OutboxLane.Alarms) + Count(OutboxLane.Events) + Count(OutboxLane.Telemetry);

    public long TotalBytes => Bytes(OutboxLane.Alarms) + Bytes(OutboxLane.Events) + Bytes(OutboxLane.Telemetry);

    public void Add(OutboxLane lane, long count, long bytes)
    {
        Interlocked.Add(ref _counts[(int)lane], count);
        Interlocked.Add(ref _bytes[(int)lane], bytes);
    }

    public void AddDropped(OutboxLane lane, long count) => Interlocked.Add(ref _dropped[(int)lane], count);

    public void AddDownsampled(OutboxLane lane, long count) => Interlocked.Add(ref _downsampled[(int)lane], count);

    public void AddDeadLettered(OutboxLane lane, long count) => Interlocked.Add(ref _deadLettered[(int)lane], count);

    public void Apply(LaneTotals change)
    {
        foreach (var lane in OutboxLaneNames.All)
        {
            Add(lane, change.Count(lane), change.Bytes(lane));
            AddDropped(lane, change.Dropped(lane));
            AddDownsampled(lane, change.Downsampled(lane));
            AddDeadLettered(lane, change.DeadLettered(lane));
        }
    }

    /// <summary>Sets every total to the one of <paramref name="loaded"/>, read from a database that was just reopened.</summary>
    public void ReplaceWith(LaneTotals loaded)
    {
        foreach (var lane in OutboxLaneNames.All)
        {
            var index = (int)lane;
            Interlocked.Exchange(ref _counts[index], loaded.Count(lane));
            Interlocked.Exchange(ref _bytes[index], loaded.Bytes(lane));
            Interlocked.Exchange(ref _dropped[index], loaded.Dropped(lane));
            Interlocked.Exchange(ref _downsampled[index], loaded.Downsampled(lane));
            Interlocked.Exchange(ref _deadLettered[index], loaded.DeadLettered(lane));
        }
    }
}
