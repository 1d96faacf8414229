namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>A parsed heartbeat; every field is optional, because any well-formed heartbeat proves the board is alive.</summary>
/// <param name="Timestamp">The board's own clock (<c>ts</c>), used as the samples' source time.</param>
internal sealed record Heartbeat(DateTimeOffset? Timestamp, string? Mode, bool? ScreenOn);
