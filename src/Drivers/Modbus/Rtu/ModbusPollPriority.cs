namespace SmartCampus.Edge.Drivers.Modbus.Rtu;

/// <summary>
/// Whose request goes first when several devices wait for one serial bus. Within a priority, requests go in the
/// order they were queued, so devices of equal priority take turns.
/// </summary>
public enum ModbusPollPriority
{
    /// <summary>Comfort and energy readings: room temperature, CO2, meters.</summary>
    Comfort,

    Normal,

    /// <summary>Safety readings and writes: leak, gas and fire inputs, gate controllers.</summary>
    Safety,
}
