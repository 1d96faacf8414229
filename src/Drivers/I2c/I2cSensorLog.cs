using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Drivers.I2c;

/// <summary>Log events of I2C sensors, ids 2213-2219 and 2290-2299.</summary>
internal static partial class I2cSensorLog
{
    [LoggerMessage(EventId = 2213, Level = LogLevel.Information, Message = "I2C sensor {DeviceId} ({Model}) opened on bus {BusId} at address 0x{Address:X2}")]
    public static partial void Opened(ILogger logger, string deviceId, I2cSensorModel model, int busId, int address);

    [LoggerMessage(EventId = 2214, Level = LogLevel.Error, Message = "I2C sensor {DeviceId} on bus {BusId} at address 0x{Address:X2} failed; retrying in {DelaySeconds:F0} s: {Reason}")]
    public static partial void Failed(ILogger logger, string deviceId, int busId, int address, double delaySeconds, string reason, Exception exception);

    [LoggerMessage(EventId = 2215, Level = LogLevel.Warning, Message = "I2C sensor {DeviceId}: {Point} read failed its checksum or range check; sample marked bad")]
    public static partial void BadReading(ILogger logger, string deviceId, string point);

    [LoggerMessage(EventId = 2290, Level = LogLevel.Debug, Message = "I2C sensor {DeviceId} has no measurement ready after {WaitedMilliseconds:F0} ms; asking again")]
    public static partial void NotReady(ILogger logger, string deviceId, double waitedMilliseconds);
}
