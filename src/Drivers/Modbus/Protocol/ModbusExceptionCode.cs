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

    MemoryParityError = 0x08,

    GatewayPathUnavailable = 0x0A,

    GatewayTargetDeviceFailedToRespond = 0x0B,
}
