namespace SmartCampus.Edge.Drivers.Mqtt;

public enum NoticeKind
{
    /// <summary>A line that scrolls across the board's normal screen (滚动通知).</summary>
    Scrolling,

    /// <summary>A full-screen message (全屏信息发布).</summary>
    Fullscreen,
}
