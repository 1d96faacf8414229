namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>One electronic class board beside a classroom door.</summary>
public sealed class ClassBoardOptions
{
    /// <summary>Board id: the topic level in <c>campus/boards/{boardId}/…</c> and the device half of <c>{boardId}.online</c>.</summary>
    public required string DeviceId { get; init; }

    public string? Building { get; init; }

    /// <summary>Floor label as the school writes it, for example "2" or "B1".</summary>
    public string? Floor { get; init; }

    public string? Room { get; init; }

    /// <summary>The board is offline when no heartbeat arrives for this long; measured on the monotonic clock.</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>A repeat swipe of the same card within this window counts once; null uses <see cref="ClassBoardHubOptions.SwipeRepeatWindow"/>.</summary>
    public TimeSpan? SwipeRepeatWindow { get; init; }
}
