namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>Public function codes this driver sends (Modbus Application Protocol v1.1b3 §5.1).</summary>
public enum ModbusFunctionCode : byte
{
    ReadCoils = 0x01,

    ReadDiscreteInputs = 0x02,

    ReadHoldingRegisters = 0x03,

    ReadInputRegisters = 0x04,

    WriteSingleCoil = 0x05,

    WriteSingleRegister = 0x06,

    WriteMultipleCoils = 0x0F,

    WriteMultipleRegisters = 0x10,

    /// <summary>FC23: writes a block of holding registers, then reads a block, in one transaction (§6.17).</summary>
    ReadWriteMultipleRegisters = 0x17,

    /// <summary>FC43, used here only with MEI type 14, Read Device Identification (§6.21).</summary>
    EncapsulatedInterfaceTransport = 0x2B,
}
