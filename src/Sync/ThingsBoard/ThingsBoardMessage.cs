namespace SmartCampus.Edge.Sync.ThingsBoard;

/// <summary>One MQTT message for ThingsBoard: topic and UTF-8 JSON payload.</summary>
internal sealed record ThingsBoardMessage(string Topic, byte[] Payload);
