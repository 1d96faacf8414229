using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>A sample or an event waiting in a GPIO device's queue for the pipeline; exactly one of the two is set.</summary>
internal readonly record struct GpioRecord(Sample? Sample, DeviceEvent? Event);
