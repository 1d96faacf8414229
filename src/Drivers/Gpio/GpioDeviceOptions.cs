namespace SmartCampus.Edge.Drivers.Gpio;

public sealed class GpioDeviceOptions
{
    /// <summary>Device id in the site configuration, the first half of each point id; it may not contain a dot.</summary>
    public required string DeviceId { get; init; }

    public GpioDriverKind Driver { get; init; } = GpioDriverKind.Simulated;

    public required IReadOnlyList<GpioPointOptions> Points { get; init; }

    /// <summary>GPIO chip number (/dev/gpiochipN) for the libgpiod drivers; 0 on a Pi 3/4, 4 or 0 on a Pi 5 depending on the kernel.</summary>
    public int GpioChip { get; init; }

    /// <summary>First wait before a line that failed to open is tried again; the wait doubles up to <see cref="MaxLineRetryDelay"/>.</summary>
    public TimeSpan LineRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxLineRetryDelay { get; init; } = TimeSpan.FromMinutes(5);
}
