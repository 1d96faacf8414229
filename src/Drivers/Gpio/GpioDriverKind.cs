namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>Where a GPIO device's lines come from.</summary>
public enum GpioDriverKind
{
    /// <summary>An in-process <see cref="SimulatedGpioDriver"/>, for machines without GPIO lines and for tests.</summary>
    Simulated,

    /// <summary>The board's GPIO chip through System.Device.Gpio's default driver selection.</summary>
    Hardware,

    /// <summary>libgpiod 1.x (libgpiod.so.2, Debian bookworm's package libgpiod2) on the configured chip.</summary>
    LibGpiodV1,

    /// <summary>libgpiod 2.x (libgpiod.so.3, Debian trixie) on the configured chip.</summary>
    LibGpiodV2,

    /// <summary>Direct register access on a Raspberry Pi 3, 4, Zero or CM (not the Pi 5, which needs libgpiod).</summary>
    RaspberryPi,
}
