namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>An electronic class board on the campus broker; kind class-board. Its id is its MQTT username.</summary>
public sealed record ClassBoardConfiguration : DeviceConfiguration
{
    public static readonly TimeSpan DefaultHeartbeatTimeout = TimeSpan.FromSeconds(90);

    public string? Building { get; init; }

    /// <summary>Floor label as written, for example 2 or B1.</summary>
    public string? Floor { get; init; }

    public string? Room { get; init; }

    /// <summary>Silence after which the board counts as offline, 5 s to 1 h; default 90 s.</summary>
    public required TimeSpan HeartbeatTimeout { get; init; }

    /// <summary>A repeat swipe of the same card within this window counts once, 0 s to 10 min; default 60 s.</summary>
    public TimeSpan SwipeRepeatWindow { get; init; } = DefaultSwipeRepeatWindow;

    public static readonly TimeSpan DefaultSwipeRepeatWindow = TimeSpan.FromSeconds(60);

    /// <summary>The board's password on the campus broker.</summary>
    public required string Password { get; init; }
}
