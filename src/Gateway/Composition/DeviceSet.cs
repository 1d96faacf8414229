using SmartCampus.Edge.Drivers.Gpio;
using SmartCampus.Edge.Gateway.Devices;

namespace SmartCampus.Edge.Gateway.Composition;

/// <summary>The drivers of a site, plus the simulated GPIO banks by device id so the demo can drive their inputs.</summary>
internal sealed record DeviceSet(DeviceRegistry Registry, IReadOnlyDictionary<string, SimulatedGpioDriver> SimulatedGpio);
