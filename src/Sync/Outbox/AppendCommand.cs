namespace SmartCampus.Edge.Sync.Outbox;

internal sealed class AppendCommand : OutboxCommand
{
    public AppendCommand(OutboxLane lane, string type, byte[] payload, DateTimeOffset createdAt, OutboxSampleSet? samples)
        : base(lane)
    {
        Samples = samples;
        Type = type;
        Payload = payload;
        CreatedAt = createdAt;
    }

    public string Type { get; }

    public byte[] Payload { get; }

    public DateTimeOffset CreatedAt { get; }

    public OutboxSampleSet? Samples { get; }

    /// <summary>Whether the wall clock was synchronised at <see cref="CreatedAt"/>; unsynchronised records keep <see cref="MonotonicTicks"/>.</summary>
    public bool ClockSynchronised { get; init; } = true;

    /// <summary>Monotonic time of the append in ticks (Linux CLOCK_MONOTONIC, counted from boot).</summary>
    public long MonotonicTicks { get; init; }

    /// <summary>Set by the writer thread inside the transaction that stores the record.</summary>
    public long Sequence { get; set; }

    /// <summary>Completes with the record's sequence once its commit is on the device.</summary>
    public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Only telemetry may wait for the commit window; alarms and events go out with the next commit.
    public override bool IsUrgent => Lane != OutboxLane.Telemetry;

    public override void Fail(Exception exception) => Completion.TrySetException(exception);

    public override void FailUnstored(Exception cause) => Fail(new OutboxAppendFailedException(Lane, Type, Payload, Samples, cause));
}
