using System.Diagnostics.CodeAnalysis;

namespace SmartCampus.Edge.Drivers.Modbus.Decoding;

/// <summary>
/// How a point's registers are read: 16-bit types take one register, 32-bit two, 64-bit four, and a string the
/// number of registers its point gives (two ASCII characters per register).
/// </summary>
[SuppressMessage(
    "Naming",
    "CA1720:Identifier contains type name",
    Justification = "The members are the data type names technicians write in site configurations (type: float32).")]
public enum ModbusDataType
{
    Int16,

    UInt16,

    Int32,

    UInt32,

    /// <summary>IEEE 754 single precision.</summary>
    Float32,

    Int64,

    UInt64,

    /// <summary>IEEE 754 double precision.</summary>
    Float64,

    /// <summary>ASCII text, two characters per register, padded with NUL (see <see cref="ModbusValueCodec.DecodeString"/>).</summary>
    String,
}
