using System.Device.Gpio;

namespace SmartCampus.Edge.Drivers.Gpio;

/// <summary>Conversions between a line's electrical level and the logical state of its point.</summary>
internal static class GpioLevels
{
    public static PinValue ToLevel(bool active, bool activeLow) => active != activeLow ? PinValue.High : PinValue.Low;

    public static bool ToActive(PinValue level, bool activeLow) => (level == PinValue.High) != activeLow;
}
