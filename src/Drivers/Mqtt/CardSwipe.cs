namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>A card swipe as the board reports it: card UID, the board's time and the board's result, nothing personal beyond that.</summary>
internal sealed record CardSwipe(string Uid, DateTimeOffset? Timestamp, string Result);
