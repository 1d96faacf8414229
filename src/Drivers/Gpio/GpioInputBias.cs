using System.Device.Gpio;

namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>
/// The bias an input line is opened with: a pull-up for an active-low contact and a pull-down otherwise, so that an
/// open contact reads as inactive. The gateway's input lines and the technician's <c>gpio read</c> both use it, so
/// that the two agree on a floating or simulated line.
/// </summary>
public static class GpioInputBias
{
    /// <summary>Returns the biased input mode for the line, or plain input when the controller cannot bias that pin.</summary>
    public static PinMode InputMode(GpioController controller, int pin, bool activeLow)
    {
        ArgumentNullException.ThrowIfNull(controller);

        var biased = activeLow ? PinMode.InputPullUp : PinMode.InputPullDown;
        return controller.IsPinModeSupported(pin, biased) ? biased : PinMode.Input;
    }
}
