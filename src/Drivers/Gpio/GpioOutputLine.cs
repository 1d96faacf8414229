using System.Device.Gpio;

namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>An output line: opened straight into its safe state, then driven by writes. Callers serialise access.</summary>
internal sealed class GpioOutputLine(GpioPointOptions options, GpioController controller)
{
    public GpioPointOptions Options { get; } = options;

    public bool IsOpen { get; private set; }

    public string? FaultReason { get; set; }

    public bool Active { get; private set; }

    /// <summary>Ends the current pulse; null when no pulse runs. Guarded by the device's output lock.</summary>
    public ITimer? PulseTimer { get; set; }

    /// <summary>Opens the line as an output at its safe level; System.Device.Gpio sets the level before the mode, so the line does not glitch.</summary>
    public void Open()
    {
        try
        {
            controller.OpenPin(Options.Pin, PinMode.Output, GpioLevels.ToLevel(Options.SafeState, Options.ActiveLow));
        }
        catch
        {
            CloseQuietly();
            throw;
        }

        Active = Options.SafeState;
        IsOpen = true;
        FaultReason = null;
    }

    public void Drive(bool active)
    {
        controller.Write(Options.Pin, GpioLevels.ToLevel(active, Options.ActiveLow));
        Active = active;
    }

    public void Close()
    {
        if (!IsOpen)
        {
            return;
        }

        IsOpen = false;
        CloseQuietly();
    }

    private void CloseQuietly()
    {
        if (controller.IsPinOpen(Options.Pin))
        {
            controller.ClosePin(Options.Pin);
        }
    }
}
