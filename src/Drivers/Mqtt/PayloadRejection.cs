namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>Why a board payload was rejected, and the byte offset in the payload where the problem starts.</summary>
internal readonly record struct PayloadRejection(string Reason, long ByteOffset);
