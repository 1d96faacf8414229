namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>What drives a GPIO device's lines.</summary>
public enum GpioDriverKind
{
    /// <summary>In-memory lines, for the demo and tests.</summary>
    Simulated,

    /// <summary>Real lines through System.Device.Gpio.</summary>
    Hardware,
}
