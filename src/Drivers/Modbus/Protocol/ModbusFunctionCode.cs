namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>Public function codes this driver sends (Modbus Application Protocol v1.1b3 §5.1).</summary>
public enum ModbusFunctionCode : byte
{
    ReadHoldingRegisters = 0x03,

    ReadInputRegisters = 0x04,

    WriteSingleRegister = 0x06,

    WriteMultipleRegisters = 0x10,
}
