namespace SmartCampus.Edge.Drivers.Modbus.Points;

/// <summary>Data table of a point, which decides the read function.</summary>
public enum ModbusRegisterKind
{
    /// <summary>Holding registers: read with FC3, written with FC6 or FC16.</summary>
    Holding,

    /// <summary>Input registers: read with FC4, read-only.</summary>
    Input,

    /// <summary>Coils: single bits read with FC1, written with FC5 or FC15.</summary>
    Coil,

    /// <summary>Discrete inputs: single bits read with FC2, read-only.</summary>
    DiscreteInput,
}
