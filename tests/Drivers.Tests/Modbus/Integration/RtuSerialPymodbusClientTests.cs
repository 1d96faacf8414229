using SmartCampus.Edge.Drivers.Serial;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Integration;

/// <summary>The RTU client suite on the gateway's own Linux serial stream, the default on Linux.</summary>
public sealed class RtuSerialPymodbusClientTests : RtuSerialPymodbusSuite
{
    protected override SerialPortDriver Driver => SerialPortDriver.Linux;
}
