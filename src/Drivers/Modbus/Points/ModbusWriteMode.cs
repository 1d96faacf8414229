namespace SmartCampus.Edge.Drivers.Modbus.Points;

/// <summary>Function used to write a point that fits in one register or one coil.</summary>
public enum ModbusWriteMode
{
    /// <summary>FC6 for one register, FC5 for a coil, FC16 for a point of several registers.</summary>
    Auto,

    /// <summary>FC16 or FC15 even for one register or coil, for devices that implement only the block writes.</summary>
    Multiple,
}
