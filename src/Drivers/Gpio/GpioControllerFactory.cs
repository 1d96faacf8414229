using System.Device.Gpio;
using System.Device.Gpio.Drivers;

namespace SmartCampus.Edge.Drivers.Gpio;

public static class GpioControllerFactory
{
    /// <summary>
    /// Creates the controller for <paramref name="kind"/>. Only <see cref="GpioDriverKind.Hardware"/> touches the
    /// machine's GPIO: System.Device.Gpio 4.2 picks the driver for the board, and on a machine without libgpiod its
    /// default constructor throws (GpiodException on x64), which becomes an <see cref="InvalidOperationException"/>
    /// with the operator's next step.
    /// </summary>
    /// <param name="gpioChip">Chip number for <see cref="GpioDriverKind.LibGpiodV1"/> and <see cref="GpioDriverKind.LibGpiodV2"/>.</param>
    public static GpioControllerHandle Create(GpioDriverKind kind, int gpioChip = 0)
    {
        if (kind == GpioDriverKind.Simulated)
        {
            var simulator = new SimulatedGpioDriver();
            return new GpioControllerHandle(new GpioController(simulator), simulator);
        }

        // NOTE: the three explicit drivers are compiled but never constructed here (no GPIO chip on the build machine).
        try
        {
            GpioController controller = kind switch
            {
                GpioDriverKind.LibGpiodV1 => new GpioController(new LibGpiodDriver(gpioChip)),
                GpioDriverKind.LibGpiodV2 => new GpioController(new LibGpiodV2Driver(gpioChip)),
                GpioDriverKind.RaspberryPi => new GpioController(new RaspberryPi3Driver()),
                _ => new GpioController(),
            };
            return new GpioControllerHandle(controller, null);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidOperationException(GpioText.HardwareUnavailable(exception.Message), exception);
        }
    }
}
