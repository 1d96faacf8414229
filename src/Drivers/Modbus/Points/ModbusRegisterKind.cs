namespace SmartCampus.Edge.Drivers.Modbus.Points;

/// <summary>Register table of a point, which decides the read function.</summary>
public enum ModbusRegisterKind
{
    /// <summary>Holding registers: read with FC3, written with FC6 or FC16.</summary>
    Holding,

    /// <summary>Input registers: read with FC4, read-only.</summary>
    Input,
}
