namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>The code that runs a local serial port, as written in the file: auto, linux or system-io-ports.</summary>
public enum SerialDriverKind
{
    /// <summary>The Linux stream on Linux, System.IO.Ports elsewhere.</summary>
    Auto,

    /// <summary>The gateway's own Linux serial stream, under which a poll allocates only its decoded values.</summary>
    Linux,

    /// <summary>.NET's System.IO.Ports.</summary>
    SystemIOPorts,
}
