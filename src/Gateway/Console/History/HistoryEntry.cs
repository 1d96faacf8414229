namespace SmartCampus.Edge.Gateway.WebConsole.History;

/// <summary>One kept value: 8 bytes, seconds after the ring's base time and the value as a float.</summary>
internal readonly record struct HistoryEntry(int OffsetSeconds, float Value);
