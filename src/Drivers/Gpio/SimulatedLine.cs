using System.Device.Gpio;

namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>State of one line of a <see cref="SimulatedGpioDriver"/>; guarded by the driver's lock.</summary>
internal sealed class SimulatedLine
{
    public bool IsOpen { get; set; }

    public PinMode Mode { get; set; } = PinMode.Input;

    public PinValue OutputLevel { get; set; } = PinValue.Low;

    /// <summary>Level driven onto an input from outside; null leaves the line to its bias (pull-up reads high).</summary>
    public PinValue? ExternalLevel { get; set; }

    /// <summary>Name of another consumer that uses the line, making <c>OpenPin</c> fail as busy.</summary>
    public string? BusyConsumer { get; set; }

    public bool AccessDenied { get; set; }

    public List<(PinEventTypes Types, PinChangeEventHandler Handler)> Callbacks { get; } = [];

    public List<(PinEventTypes Types, TaskCompletionSource<PinEventTypes> Waiter)> Waiters { get; } = [];

    public PinValue Level => Mode switch
    {
        PinMode.Output => OutputLevel,
        PinMode.InputPullUp => ExternalLevel ?? PinValue.High,
        _ => ExternalLevel ?? PinValue.Low,
    };
}
