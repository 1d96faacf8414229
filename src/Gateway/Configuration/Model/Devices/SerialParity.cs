namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>Parity of a serial line, as written in the file: none, even or odd.</summary>
public enum SerialParity
{
    None,
    Even,
    Odd,
}
