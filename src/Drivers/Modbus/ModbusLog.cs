using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Points;

namespace SmartCampus.Edge.Drivers.Modbus;

/// <summary>
/// Log messages of the Modbus driver. Event ids 2000-2199: 2000-2019 the TCP client, 2020-2049 the RTU bus,
/// 2050-2099 the device drivers, 2100-2149 the simulator.
/// </summary>
internal static partial class ModbusLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Connected to Modbus device {DeviceId} at {Endpoint}")]
    public static partial void Connected(ILogger logger, string deviceId, string endpoint);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Closed the connection to Modbus device {DeviceId} at {Endpoint}: {Reason}")]
    public static partial void Disconnected(ILogger logger, string deviceId, string endpoint, string reason);

    [LoggerMessage(
        EventId = 2002,
        Level = LogLevel.Debug,
        Message = "Discarded a reply from Modbus device {DeviceId} with transaction id {ReceivedTransactionId} while waiting for {ExpectedTransactionId}")]
    public static partial void StaleReplyDiscarded(ILogger logger, string deviceId, ushort receivedTransactionId, ushort expectedTransactionId);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Opened Modbus RTU bus {BusName} at {BaudRate} baud, inter-frame gap {GapMilliseconds} ms")]
    public static partial void RtuPortOpened(ILogger logger, string busName, int baudRate, double gapMilliseconds);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "Closed Modbus RTU bus {BusName}: {Reason}")]
    public static partial void RtuPortClosed(ILogger logger, string busName, string reason);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Information, Message = "Modbus RTU bus {BusName} echoes requests; echoes are skipped from now on")]
    public static partial void RtuEchoDetected(ILogger logger, string busName);

    [LoggerMessage(
        EventId = 2023,
        Level = LogLevel.Debug,
        Message = "Modbus RTU bus {BusName}: ignored a frame from unit {ReceivedUnitId} function {ReceivedFunction} while waiting for unit {ExpectedUnitId} function {ExpectedFunction}")]
    public static partial void RtuForeignFrame(ILogger logger, string busName, byte receivedUnitId, byte receivedFunction, byte expectedUnitId, byte expectedFunction);

    [LoggerMessage(EventId = 2024, Level = LogLevel.Debug, Message = "Modbus RTU bus {BusName}: dropped {ByteCount} bytes of noise followed by silence")]
    public static partial void RtuNoiseDropped(ILogger logger, string busName, int byteCount);

    [LoggerMessage(
        EventId = 2025,
        Level = LogLevel.Warning,
        Message = "Modbus RTU bus {BusName}: no valid reply frame in {ByteCount} bytes ({CrcErrors} CRC errors), {ConsecutiveErrors} framing errors in a row")]
    public static partial void RtuFramingError(ILogger logger, string busName, int byteCount, int crcErrors, int consecutiveErrors);

    [LoggerMessage(
        EventId = 2026,
        Level = LogLevel.Debug,
        Message = "Modbus RTU bus {BusName}: the reply of unit {UnitId} to function {Function} was cut off or failed its CRC ({ByteCount} bytes dropped, {CrcErrors} CRC errors)")]
    public static partial void RtuDamagedReply(ILogger logger, string busName, byte unitId, byte function, int byteCount, int crcErrors);

    [LoggerMessage(
        EventId = 2064,
        Level = LogLevel.Information,
        Message = "Polling Modbus RTU device {DeviceId} on {BusName} unit {UnitId} every {PollIntervalMilliseconds} ms: {PointCount} points in {RequestCount} requests")]
    public static partial void RtuPollingStarted(
        ILogger logger, string deviceId, string busName, byte unitId, long pollIntervalMilliseconds, int pointCount, int requestCount);

    [LoggerMessage(
        EventId = 2065,
        Level = LogLevel.Debug,
        Message = "Modbus device {DeviceId} is offline; next poll in {DelayMilliseconds} ms")]
    public static partial void BackingOff(ILogger logger, string deviceId, long delayMilliseconds);

    [LoggerMessage(
        EventId = 2050,
        Level = LogLevel.Information,
        Message = "Polling Modbus device {DeviceId} at {Endpoint} unit {UnitId} every {PollIntervalMilliseconds} ms: {PointCount} points in {RequestCount} requests")]
    public static partial void PollingStarted(
        ILogger logger, string deviceId, string endpoint, byte unitId, long pollIntervalMilliseconds, int pointCount, int requestCount);

    [LoggerMessage(EventId = 2051, Level = LogLevel.Information, Message = "Stopped polling Modbus device {DeviceId}")]
    public static partial void PollingStopped(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 2052, Level = LogLevel.Information, Message = "Modbus device {DeviceId} is online")]
    public static partial void DeviceOnline(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 2053, Level = LogLevel.Warning, Message = "Modbus device {DeviceId} is offline, its points are bad until it responds: {Error}")]
    public static partial void DeviceOffline(ILogger logger, string deviceId, string error);

    [LoggerMessage(
        EventId = 2054,
        Level = LogLevel.Information,
        Message = "Modbus device {DeviceId} is back online after {FailedPolls} failed polls over {OfflineMilliseconds} ms")]
    public static partial void DeviceRecovered(ILogger logger, string deviceId, int failedPolls, long offlineMilliseconds);

    [LoggerMessage(
        EventId = 2055,
        Level = LogLevel.Warning,
        Message = "Read of {Kind} registers {FirstAddress}..{LastAddress} on Modbus device {DeviceId} failed, its points are bad: {Error}")]
    public static partial void ReadFailed(
        ILogger logger, ModbusRegisterKind kind, int firstAddress, int lastAddress, string deviceId, string error, Exception? exception);

    [LoggerMessage(
        EventId = 2056,
        Level = LogLevel.Debug,
        Message = "Read of {Kind} registers {FirstAddress}..{LastAddress} on Modbus device {DeviceId} failed again: {Error}")]
    public static partial void ReadFailedAgain(ILogger logger, ModbusRegisterKind kind, int firstAddress, int lastAddress, string deviceId, string error);

    [LoggerMessage(
        EventId = 2057,
        Level = LogLevel.Information,
        Message = "Read of {Kind} registers {FirstAddress}..{LastAddress} on Modbus device {DeviceId} succeeds again")]
    public static partial void ReadRecovered(ILogger logger, ModbusRegisterKind kind, int firstAddress, int lastAddress, string deviceId);

    [LoggerMessage(
        EventId = 2058,
        Level = LogLevel.Information,
        Message = "Modbus device {DeviceId} rejected registers {FirstAddress}..{LastAddress} with illegal data address; reading its {PointCount} points one by one from now on")]
    public static partial void ReadSplit(ILogger logger, string deviceId, int firstAddress, int lastAddress, int pointCount);

    [LoggerMessage(EventId = 2059, Level = LogLevel.Debug, Message = "Point {PointId} decoded to {Value}, which is not a finite number; published as bad")]
    public static partial void NonFiniteValue(ILogger logger, PointId pointId, double value);

    [LoggerMessage(
        EventId = 2060,
        Level = LogLevel.Debug,
        Message = "Poll of Modbus device {DeviceId} took {ElapsedMilliseconds} ms, longer than the poll interval of {PollIntervalMilliseconds} ms; the next poll starts now")]
    public static partial void PollOverran(ILogger logger, string deviceId, long elapsedMilliseconds, long pollIntervalMilliseconds);

    [LoggerMessage(EventId = 2061, Level = LogLevel.Error, Message = "Poll of Modbus device {DeviceId} failed unexpectedly; polling continues")]
    public static partial void PollCrashed(ILogger logger, string deviceId, Exception exception);

    [LoggerMessage(EventId = 2062, Level = LogLevel.Warning, Message = "Write of point {PointId} failed: {Error}")]
    public static partial void WriteFailed(ILogger logger, PointId pointId, string error);

    [LoggerMessage(EventId = 2063, Level = LogLevel.Information, Message = "Wrote {Value} to point {PointId} ({RegisterCount} registers at {Address})")]
    public static partial void Written(ILogger logger, double value, PointId pointId, int registerCount, ushort address);

    [LoggerMessage(EventId = 2066, Level = LogLevel.Information, Message = "Wrote {CharacterCount} characters to point {PointId} ({RegisterCount} registers at {Address})")]
    public static partial void WroteText(ILogger logger, int characterCount, PointId pointId, int registerCount, ushort address);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Modbus TCP simulator for unit {UnitId} listening on {Endpoint}")]
    public static partial void SimulatorListening(ILogger logger, byte unitId, string endpoint);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Modbus TCP simulator on {Endpoint} stopped")]
    public static partial void SimulatorStopped(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Modbus TCP simulator closed the connection from {RemoteEndpoint}: {Reason}")]
    public static partial void SimulatorConnectionClosed(ILogger logger, string remoteEndpoint, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug, Message = "Modbus TCP simulator ignored a request for unit {RequestedUnitId}; it plays unit {UnitId}")]
    public static partial void SimulatorOtherUnit(ILogger logger, byte requestedUnitId, byte unitId);
}
