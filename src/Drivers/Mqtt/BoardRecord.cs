using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>A sample or an event waiting in the hub's queue for the pipeline; exactly one of the two is set.</summary>
internal readonly record struct BoardRecord(Sample? Sample, DeviceEvent? Event);
