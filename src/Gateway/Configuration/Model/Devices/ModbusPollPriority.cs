namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>Which device goes first on a shared serial bus: safety (smoke, gas, water leak) before comfort (CO2, temperature).</summary>
public enum ModbusPollPriority
{
    Comfort,
    Normal,
    Safety,
}
