namespace SmartCampus.Edge.Gateway.Configuration.Model.Simulators;

/// <summary>An in-process stand-in for a field device, used by the demo; the derived type is its kind.</summary>
public abstract record SimulatorConfiguration;
