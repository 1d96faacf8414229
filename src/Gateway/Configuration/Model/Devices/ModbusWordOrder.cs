namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>
/// Byte order of a multi-register value, named by where the bytes A (most significant) to D land in the registers
/// as read. For example 123456.0f (0x47F12000) reads as [0x47F1, 0x2000] in ABCD and [0x2000, 0x47F1] in CDAB.
/// </summary>
public enum ModbusWordOrder
{
    /// <summary>Big-endian bytes and words, the Modbus default.</summary>
    Abcd,

    /// <summary>Big-endian bytes, words swapped.</summary>
    Cdab,

    /// <summary>Bytes swapped within each word, words in order.</summary>
    Badc,

    /// <summary>Fully little-endian.</summary>
    Dcba,
}
