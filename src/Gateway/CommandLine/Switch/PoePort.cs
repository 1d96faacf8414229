using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Gateway.CommandLine.Modbus;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;

namespace SmartCampus.Edge.Gateway.CommandLine.Switch;

/// <summary>The PoE point of one switch port, with the link to its switch.</summary>
internal sealed record PoePort(ModbusLinkSettings Link, ModbusPointConfiguration Configuration, ModbusPointOptions Point)
{
    public string DeviceId => Link.DeviceId;

    public string PointId => Configuration.Id;

    /// <summary>The value that switches the port's power: a boolean for a coil, 1 or 0 for a register.</summary>
    public Contracts.PointValue ValueFor(bool on) =>
        Configuration.Function == ModbusFunction.Coil ? Contracts.PointValue.FromBoolean(on) : Contracts.PointValue.FromNumber(on ? 1 : 0);

    /// <summary>True when a read-back value means the port supplies power.</summary>
    public static bool IsOn(Contracts.PointValue value) =>
        value.Kind == Contracts.PointValueKind.Boolean ? value.Boolean : value.TryGetNumber(out var number) && number != 0;
}
