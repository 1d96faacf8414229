namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>Register table a Modbus point is read from.</summary>
public enum ModbusFunction
{
    /// <summary>Holding registers, read with function code 3 (written "holding").</summary>
    Holding,

    /// <summary>Input registers, read with function code 4 (written "input").</summary>
    Input,
}
