namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>Protocol timing of the class-board hub, shared by every board.</summary>
public sealed class ClassBoardHubOptions
{
    /// <summary>Wait for a notice's acknowledgement before the first re-send; each further re-send waits twice as long.</summary>
    public TimeSpan NoticeResendDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait between two re-sends of an unacknowledged notice.</summary>
    public TimeSpan MaxNoticeResendDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A swipe of the same card on the same board within this window (monotonic clock) counts once. Boards on the
    /// market use about 60 s, so that a pupil who swipes twice at the door checks in once.
    /// </summary>
    public TimeSpan SwipeRepeatWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Notices kept per board for boards that come online; the oldest is dropped beyond this. A notice without
    /// expiry stays current until dropped this way or withdrawn.
    /// </summary>
    public int MaxCurrentNotices { get; init; } = 32;

    /// <summary>
    /// JSON file that keeps every board's current notices and active emergency notice across gateway restarts;
    /// null keeps them in memory only.
    /// </summary>
    public string? NoticeStorePath { get; init; }
}
