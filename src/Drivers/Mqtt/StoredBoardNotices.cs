namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>What the notice store keeps of one board: its current notices and its active emergency notice.</summary>
internal sealed record StoredBoardNotices(string BoardId, IReadOnlyList<ClassBoardNotice> Notices, (string NoticeId, string Text)? Emergency);
