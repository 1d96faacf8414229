using System.Device.Gpio;

namespace SmartCampus.Edge.Drivers.Gpio;

public static class GpioControllerFactory
{
    /// <summary>
    /// Creates the controller for <paramref name="kind"/>. Only <see cref="GpioDriverKind.Hardware"/> touches the
    /// machine's GPIO: System.Device.Gpio 4.2 picks the driver for the board, and on a machine without libgpiod its
    /// default constructor throws (GpiodException on x64), which becomes an <see cref="InvalidOperationException"/>
    /// with the operator's next step.
    /// </summary>
    public static GpioControllerHandle Create(GpioDriverKind kind)
    {
        if (kind == GpioDriverKind.Simulated)
        {
            var simulator = new SimulatedGpioDriver();
            return new GpioControllerHandle(new GpioController(simulator), simulator);
        }

        try
        {
            return new GpioControllerHandle(new GpioController(), null);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidOperationException(GpioText.HardwareUnavailable(exception.Message), exception);
        }
    }
}
