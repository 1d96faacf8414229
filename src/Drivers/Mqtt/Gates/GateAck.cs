namespace SmartCampus.Edge.Drivers.Mqtt.Gates;

/// <summary>A controller's acknowledgement of one command.</summary>
internal sealed record GateAck(string Id, bool Ok, string? Reason);
