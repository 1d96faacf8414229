namespace SmartCampus.Edge.Drivers.Modbus.Diagnostics;

/// <summary>How one attempt of a request ended, for counters and metrics.</summary>
internal enum ModbusRequestOutcome
{
    Response,
    ExceptionResponse,
    Timeout,
    FramingError,
    ConnectionError,
    ProtocolError,
}
