namespace SmartCampus.Edge.Gateway.Configuration.Validation;

/// <summary>Device kinds as the devices section writes them (modbus-tcp, gpio, class-board).</summary>
internal enum DeviceKind
{
    ModbusTcp,
    ModbusRtu,
    Gpio,
    ClassBoard,
    AccessGate,
    MqttSensor,
    I2cSensor,
}
