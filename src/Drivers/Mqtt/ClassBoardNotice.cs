namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>A notice for the <c>notice</c> topic of one or more boards.</summary>
/// <param name="Id">Notice id; boards acknowledge and de-duplicate by it.</param>
/// <param name="Text">Text shown to teachers and students, already in the school's language.</param>
/// <param name="Priority">0 (normal) to 9 (highest); a board shows the highest-priority notice first.</param>
/// <param name="ExpiresAt">When the board stops showing the notice; null keeps it until replaced.</param>
public sealed record ClassBoardNotice(
    string Id,
    string Text,
    NoticeKind Kind = NoticeKind.Scrolling,
    int Priority = 0,
    DateTimeOffset? ExpiresAt = null);
