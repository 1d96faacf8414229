namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>A notice that is still current on one board, with its acknowledgement and re-send state; guarded by the board's lock.</summary>
internal sealed class CurrentNotice(ClassBoardNotice notice, long sentAt)
{
    public ClassBoardNotice Notice { get; } = notice;

    /// <summary>Monotonic stamp of the first send, so that the oldest notice is dropped first.</summary>
    public long SentAt { get; } = sentAt;

    public bool Acknowledged { get; set; }

    public int Attempts { get; set; }

    public TimeSpan NextDelay { get; set; }

    public ITimer? ResendTimer { get; set; }
}
