namespace SmartCampus.Edge.Drivers.Mqtt.Gates;

/// <summary>One controller event: type, optional card UID, denial reason, door number and controller time.</summary>
internal sealed record GateUplinkEvent(string Type, string? Uid, string? Reason, int? Door, DateTimeOffset? Timestamp);
