namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>Liveness of one board. Heartbeats and the timeout timer both change it, under <see cref="Sync"/>.</summary>
internal sealed class ClassBoardState(ClassBoardOptions options)
{
    public ClassBoardOptions Options { get; } = options;

    public Lock Sync { get; } = new();

    /// <summary>Null until the first heartbeat or the first timeout decides it.</summary>
    public bool? Online { get; set; }

    public ITimer? TimeoutTimer { get; set; }

    /// <summary>Whether <c>mode</c> and <c>screenOn</c> were ever published, so that they are marked stale when the board goes offline.</summary>
    public bool HasModeSample { get; set; }

    public bool HasScreenSample { get; set; }

    /// <summary>Notice id and text of the emergency notice active on this board, republished after every reconnect.</summary>
    public (string NoticeId, string Text)? ActiveEmergency { get; set; }

    /// <summary>Notices still current on this board, by notice id.</summary>
    public Dictionary<string, CurrentNotice> Notices { get; } = new(StringComparer.Ordinal);

    /// <summary>Monotonic stamp of the last counted swipe per card UID, for the repeat window.</summary>
    public Dictionary<string, long> LastSwipes { get; } = new(StringComparer.Ordinal);
}
