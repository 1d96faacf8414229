namespace SmartCampus.Edge.Drivers.Modbus.Protocol;

/// <summary>Exception codes a server returns in an exception response (Modbus Application Protocol v1.1b3 §7).</summary>
public enum ModbusExceptionCode : byte
{
    IllegalFunction = 0x01,

    IllegalDataAddress = 0x02,

    IllegalDataValue = 0x03,

    ServerDeviceFailure = 0x04,

    /// <summary>The server accepted a long-running request, so the result must be polled for later.</summary>
    Acknowledge = 0x05,

    ServerDeviceBusy = 0x06,

    /// <summary>
    /// The device cannot perform a program function. v1.1b3 leaves 07 and 09 undefined, but libmodbus 3.1 still lists
    /// 07 under this name, so a device may send it. Code 09 has no name there either and is reported as unknown.
    /// </summary>
    NegativeAcknowledge = 0x07,

    MemoryParityError = 0x08,

    GatewayPathUnavailable = 0x0A,

    GatewayTargetDeviceFailedToRespond = 0x0B,
}
