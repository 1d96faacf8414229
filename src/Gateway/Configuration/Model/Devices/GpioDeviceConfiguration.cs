namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>Digital inputs and outputs on the gateway's own GPIO lines; kind gpio.</summary>
public sealed record GpioDeviceConfiguration : DeviceConfiguration
{
    public required GpioDriverKind Driver { get; init; }

    /// <summary>At least one point; ids and pins unique within the device.</summary>
    public required IReadOnlyList<GpioPointConfiguration> Points { get; init; }
}
