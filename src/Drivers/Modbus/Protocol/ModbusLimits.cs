namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>Size limits from Modbus Application Protocol v1.1b3 §4.1 and §6.</summary>
public static class ModbusLimits
{
    /// <summary>Max PDU length in bytes: 256-byte serial ADU minus address and CRC (§4.1).</summary>
    public const int MaxPduLength = 253;

    /// <summary>Max quantity of registers in one FC3 or FC4 read (§6.3, §6.4).</summary>
    public const int MaxReadRegisters = 125;

    /// <summary>Max quantity of registers in one FC16 write (§6.12).</summary>
    public const int MaxWriteRegisters = 123;

    /// <summary>Max quantity of registers read by one FC23 (§6.17).</summary>
    public const int MaxReadWriteReadRegisters = 125;

    /// <summary>Max quantity of registers written by one FC23 (§6.17); less than FC16's 123 because the request also carries the read block.</summary>
    public const int MaxReadWriteWriteRegisters = 121;

    /// <summary>Max quantity of coils or discrete inputs in one FC1 or FC2 read (§6.1, §6.2).</summary>
    public const int MaxReadBits = 2000;

    /// <summary>Max quantity of coils in one FC15 write (§6.11).</summary>
    public const int MaxWriteCoils = 1968;
}
