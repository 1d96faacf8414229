using SmartCampus.Edge.Gateway.Configuration.Model.Devices;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Devices;

/// <summary>What a device profile file gives a device: its point map and the request limits of the model.</summary>
internal sealed record ModbusProfile(IReadOnlyList<ModbusPointConfiguration> Points, ModbusRequestLimits Limits)
{
    /// <summary>A profile that is missing or unreadable; its problem is already reported.</summary>
    public static ModbusProfile Empty { get; } = new([], ModbusRequestLimits.None);
}
