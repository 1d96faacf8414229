using System.Device.I2c;
using System.Globalization;

namespace SmartCampus.Edge.Drivers.I2c;

/// <summary>Builds the exceptions of a failed chip transfer, with a message for the technician that names bus and address.</summary>
internal static class I2cChipFault
{
    public static string Address(I2cDevice bus) =>
        "0x" + bus.ConnectionSettings.DeviceAddress.ToString("X2", CultureInfo.InvariantCulture);

    /// <summary>Wraps the kernel's error (EREMOTEIO "Error 121" for a NACK) of a chip that does not respond.</summary>
    public static IOException NotAnswering(I2cDevice bus, string deviceId, IOException exception) =>
        new(I2cSensorText.ChipNotAnswering(deviceId, bus.ConnectionSettings.BusId, Address(bus), exception.Message), exception);
}
