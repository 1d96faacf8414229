namespace SmartCampus.Edge.Drivers.Modbus.Decoding;

/// <summary>
/// Order in which a device puts a value's bytes into its registers, named by where the value's big-endian bytes
/// A (most significant), B, C, D land. Modbus sends each register high byte first, so ABCD is the plain case.
/// For 64-bit values the same two swaps apply to all four registers: CDAB reverses the register order, BADC swaps
/// the bytes inside each register, DCBA does both. For 16-bit values only the byte swap matters.
/// </summary>
public enum ModbusWordOrder
{
    /// <summary>Big-endian: registers high word first, bytes high first. 0x47F12000 is [0x47F1, 0x2000].</summary>
    ABCD,

    /// <summary>Word-swapped: low word first. 0x47F12000 is [0x2000, 0x47F1].</summary>
    CDAB,

    /// <summary>Byte-swapped inside each register. 0x47F12000 is [0xF147, 0x0020].</summary>
    BADC,

    /// <summary>Little-endian: both swaps. 0x47F12000 is [0x0020, 0xF147].</summary>
    DCBA,
}
