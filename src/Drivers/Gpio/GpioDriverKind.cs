namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>Where a GPIO device's lines come from.</summary>
public enum GpioDriverKind
{
    /// <summary>An in-process <see cref="SimulatedGpioDriver"/>, for machines without GPIO lines and for tests.</summary>
    Simulated,

    /// <summary>The board's GPIO chip through System.Device.Gpio's default driver selection.</summary>
    Hardware,
}
