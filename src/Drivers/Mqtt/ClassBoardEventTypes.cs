namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>Device event types of class boards, beside the shared online/offline.</summary>
public static class ClassBoardEventTypes
{
    /// <summary>A card swipe; attributes <c>uid</c>, <c>result</c> and, when the board sent one, <c>boardTime</c>.</summary>
    public const string CardSwipe = "cardSwipe";

    /// <summary>A notice expired before the board acknowledged it; attributes <c>noticeId</c> and <c>attempts</c>.</summary>
    public const string NoticeUnacknowledged = "noticeUnacknowledged";
}
