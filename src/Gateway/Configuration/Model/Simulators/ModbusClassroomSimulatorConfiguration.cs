namespace SmartCampus.Edge.Gateway.Configuration.Model.Simulators;

/// <summary>
/// A Modbus TCP server that plays a classroom air sensor whose CO2 rises steadily (kind modbus-classroom).
/// It serves the register map of the demo's air device.
/// </summary>
public sealed record ModbusClassroomSimulatorConfiguration : SimulatorConfiguration
{
    public const byte DefaultUnitId = 1;

    public const double DefaultCo2StartPpm = 900;

    public const double DefaultCo2RisePerSecondPpm = 20;

    /// <summary>Address to listen on.</summary>
    public required string Host { get; init; }

    public required int Port { get; init; }

    public required byte UnitId { get; init; }

    public required double Co2StartPpm { get; init; }

    /// <summary>CO2 increase in ppm per second; may be negative or zero.</summary>
    public required double Co2RisePerSecondPpm { get; init; }
}
