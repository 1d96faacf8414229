using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Drivers.Mqtt.Sensors;

/// <summary>Log events of generic MQTT sensors, ids 2340-2359.</summary>
internal static partial class MqttSensorLog
{
    [LoggerMessage(EventId = 2340, Level = LogLevel.Information, Message = "MQTT sensors {DeviceId} started with {MappingCount} topic mappings on campus broker {Host}:{Port}")]
    public static partial void Started(ILogger logger, string deviceId, int mappingCount, string host, int port);

    [LoggerMessage(EventId = 2341, Level = LogLevel.Warning, Message = "Rejected payload on {Topic}: {Reason} at byte {ByteOffset} ({Suppressed} similar rejections not logged since the last one)")]
    public static partial void PayloadRejected(ILogger logger, string topic, string reason, long byteOffset, int suppressed);

    [LoggerMessage(EventId = 2342, Level = LogLevel.Warning, Message = "Point {PointName} on {Topic} skipped: {Reason} ({Suppressed} similar not logged since the last one)")]
    public static partial void PointRejected(ILogger logger, string pointName, string topic, string reason, int suppressed);

    [LoggerMessage(EventId = 2343, Level = LogLevel.Error, Message = "MQTT sensors {DeviceId}: the pipeline rejected a sample")]
    public static partial void SinkFailed(ILogger logger, string deviceId, Exception exception);

    [LoggerMessage(EventId = 2344, Level = LogLevel.Information, Message = "MQTT sensors {DeviceId} stopped")]
    public static partial void Stopped(ILogger logger, string deviceId);
}
