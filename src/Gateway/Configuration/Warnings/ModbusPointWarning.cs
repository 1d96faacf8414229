using SmartCampus.Edge.Gateway.Configuration.Loading;

namespace SmartCampus.Edge.Gateway.Configuration.Warnings;

/// <summary>A warning about one Modbus point, located at that point's address.</summary>
internal sealed record ModbusPointWarning(string DeviceId, string PointId, ProblemMessage Message);
