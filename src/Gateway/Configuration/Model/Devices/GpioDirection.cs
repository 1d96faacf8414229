namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

public enum GpioDirection
{
    Input,
    Output,
}
