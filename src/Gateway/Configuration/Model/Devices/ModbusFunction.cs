namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>Register table a Modbus point is read from.</summary>
public enum ModbusFunction
{
    /// <summary>Holding registers, read with function code 3 (written "holding").</summary>
    Holding,

    /// <summary>Input registers, read with function code 4 (written "input").</summary>
    Input,

    /// <summary>Coils, read with function code 1 and written with 5 or 15 (written "coil"); one bit each.</summary>
    Coil,

    /// <summary>Discrete inputs, read with function code 2 (written "discrete"); one read-only bit each.</summary>
    DiscreteInput,
}
