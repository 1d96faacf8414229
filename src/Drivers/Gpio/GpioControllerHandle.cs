using System.Device.Gpio;

namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>A GPIO controller for one device, and the simulated line bank behind it when the device is simulated.</summary>
/// <param name="Controller">Passed to <see cref="GpioDevice"/>, which then owns and disposes it.</param>
/// <param name="Simulator">The simulated bank for <see cref="GpioDriverKind.Simulated"/>, so that the host can drive its inputs; null for hardware.</param>
public sealed record GpioControllerHandle(GpioController Controller, SimulatedGpioDriver? Simulator);
