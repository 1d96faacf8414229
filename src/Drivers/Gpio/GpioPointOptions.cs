namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>One GPIO line used as a point of a device.</summary>
public sealed class GpioPointOptions
{
    /// <summary>Point name, the second half of the point id (<c>device.point</c>).</summary>
    public required string Name { get; init; }

    public GpioDirection Direction { get; init; }

    /// <summary>Line number in the driver's numbering; on a Raspberry Pi that is the BCM GPIO number, not the header pin.</summary>
    public int Pin { get; init; }

    /// <summary>
    /// True when the low level means "active" (a dry contact that pulls the line to ground). Inputs open with the
    /// pull-up bias then, and active-high inputs with the pull-down bias, where the driver supports bias.
    /// </summary>
    public bool ActiveLow { get; init; }

    /// <summary>Inputs only: how long the level must stay unchanged before a change is published. Zero publishes every edge.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Outputs only: the logical state driven at start, on stop and on dispose (false = inactive).</summary>
    public bool SafeState { get; init; }

    /// <summary>Outputs only: latch (level stays) or pulse (back to the safe state after <see cref="PulseDuration"/>).</summary>
    public GpioOutputMode OutputMode { get; init; } = GpioOutputMode.Latch;

    /// <summary>Outputs in pulse mode: how long a write of true keeps the line active, on the monotonic clock.</summary>
    public TimeSpan PulseDuration { get; init; } = TimeSpan.FromSeconds(3);
}
