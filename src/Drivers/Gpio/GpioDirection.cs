namespace SmartCampus.Edge.Drivers.Gpio;

public enum GpioDirection
{
    Input,
    Output,
}
