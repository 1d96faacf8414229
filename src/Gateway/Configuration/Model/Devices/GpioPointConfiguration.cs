namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>One GPIO line. Its value is logical: with <see cref="ActiveLow"/>, a low level reads as true.</summary>
public sealed record GpioPointConfiguration
{
    public static readonly TimeSpan DefaultInputDebounce = TimeSpan.FromMilliseconds(20);

    /// <summary>Point id of letters, digits, '-' and '_', unique within the device.</summary>
    public required string Id { get; init; }

    public required GpioDirection Direction { get; init; }

    /// <summary>Line number in the logical (BCM) numbering of System.Device.Gpio, 0 or more.</summary>
    public required int Pin { get; init; }

    /// <summary>Default false.</summary>
    public required bool ActiveLow { get; init; }

    /// <summary>Inputs: time a level must stay stable before it counts (default 20 ms). Outputs: zero.</summary>
    public required TimeSpan Debounce { get; init; }

    /// <summary>Outputs: the logical value driven at start and stop. Inputs: false, unused.</summary>
    public required bool SafeState { get; init; }

    /// <summary>Outputs only: each write of true drives the line for this time, then back to the safe state (<c>pulse</c>); null latches.</summary>
    public TimeSpan? Pulse { get; init; }

    /// <summary>
    /// Outputs only: the line drives the lock of a door on an escape route (<c>escapeLock</c>). Its value reads
    /// "locked", and validation makes <see cref="SafeState"/> false, the unlocked level.
    /// </summary>
    public bool EscapeLock { get; init; }
}
