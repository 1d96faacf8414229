using System.Diagnostics.CodeAnalysis;

namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>
/// Encoding of a Modbus point's value. 16-bit types take one register, 32-bit two, 64-bit four, and a string the
/// registers of its point's length (two ASCII characters each).
/// </summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name wire encodings, as device register maps and the file's type key write them.")]
public enum ModbusDataType
{
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float32,
    Float64,
    String,
}
