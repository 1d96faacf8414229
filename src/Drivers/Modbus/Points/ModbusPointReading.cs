using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus.Points;

/// <summary>Result of an on-demand read of one point: the sample (bad with no value on failure) and the failure, if any.</summary>
public sealed record ModbusPointReading(Sample Sample, ModbusException? Error);
