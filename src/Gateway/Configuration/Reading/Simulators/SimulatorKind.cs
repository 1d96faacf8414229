namespace SmartCampus.Edge.Gateway.Configuration.Reading.Simulators;

internal enum SimulatorKind
{
    ModbusClassroom,
    SmokeTrip,
}
