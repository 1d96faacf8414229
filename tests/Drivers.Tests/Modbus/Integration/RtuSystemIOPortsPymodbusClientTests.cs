using SmartCampus.Edge.Drivers.Serial;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Integration;

/// <summary>The RTU client suite on System.IO.Ports, which a site can still select and which other systems use.</summary>
public sealed class RtuSystemIOPortsPymodbusClientTests : RtuSerialPymodbusSuite
{
    protected override SerialPortDriver Driver => SerialPortDriver.SystemIOPorts;
}
