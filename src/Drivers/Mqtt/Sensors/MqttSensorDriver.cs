using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MQTTnet;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Abstractions;

namespace SmartCampus.Edge.Drivers.Mqtt.Sensors;

/// <summary>
/// Sensors that publish JSON on the campus broker (air quality, CO₂, temperature): each mapping subscribes a
/// topic filter, takes the device id from a topic level and each point from a JSON path, typed and scaled like a
/// Modbus point. A bad payload is rejected alone; a point missing from an otherwise good payload is skipped alone.
/// Retained messages are the sensor's last state and give samples like live ones.
/// </summary>
public sealed class MqttSensorDriver : IDeviceDriver
{
    public const string DefaultDeviceId = "mqtt-sensors";

    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private readonly CampusMqttOptions _mqtt;
    private readonly GatewayClock _clock;
    private readonly ILogger _logger;
    private readonly List<(MqttSensorMapping Mapping, IReadOnlyList<(MqttSensorPointOptions Point, IReadOnlyList<object> Path)> Points)> _mappings;
    private readonly CampusMqttSession _session;
    private readonly LogRateLimiter _warnings;

    // NOTE: unbounded like the board hub's queue; a sensor flood grows it until the pipeline catches up.
    private readonly Channel<Sample> _samples = Channel.CreateUnbounded<Sample>(new UnboundedChannelOptions { SingleReader = true });
    private long _rejectedPayloads;
    private long _rejectedPoints;
    private long _samplesProduced;
    private int _started;

    public MqttSensorDriver(
        CampusMqttOptions mqtt,
        IReadOnlyList<MqttSensorMapping> mappings,
        GatewayClock clock,
        ILogger<MqttSensorDriver> logger,
        string deviceId = DefaultDeviceId)
    {
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);

        var compiled = new List<(MqttSensorMapping, IReadOnlyList<(MqttSensorPointOptions, IReadOnlyList<object>)>)>();
        foreach (var mapping in mappings)
        {
            if (mapping.DeviceIdTopicLevel is null && !CampusTopics.IsValidBoardId(mapping.DeviceId))
            {
                throw new ArgumentException($"Sensor mapping '{mapping.TopicFilter}' needs either deviceIdTopicLevel or a valid deviceId.", nameof(mappings));
            }

            if (mapping.DeviceIdTopicLevel is { } level && (level < 0 || level >= mapping.TopicFilter.Split('/').Length || mapping.TopicFilter.Split('/')[level] == "#"))
            {
                throw new ArgumentException($"Sensor mapping '{mapping.TopicFilter}': deviceIdTopicLevel {level} is not a level of the filter.", nameof(mappings));
            }

            compiled.Add((mapping, mapping.Points.Select(p => (p, JsonPathReader.Compile(p.JsonPath))).ToList()));
        }

        _mqtt = mqtt;
        _clock = clock;
        _logger = logger;
        _mappings = compiled;
        DeviceId = deviceId;
        _warnings = new LogRateLimiter(clock.TimeProvider, WarningInterval);
        _session = new CampusMqttSession(mqtt, clock.TimeProvider, logger, [.. mappings.Select(m => m.TopicFilter).Distinct(StringComparer.Ordinal)], OnMessageAsync, _ => Task.CompletedTask);
    }

    public string DeviceId { get; }

    public bool SubscriptionsActive => _session.SubscriptionsActive;

    /// <summary>Why the last connect to the campus broker failed, in the reader's UI language with the setting to check; null if none failed.</summary>
    public string? LastConnectError => _session.LastConnectError;

    public DateTimeOffset? LastConnectErrorAt => _session.LastConnectErrorAt;

    /// <summary>Topic of a message that ended connection after connection (a fault until restart), or null.</summary>
    public string? SessionLoopTopic => _session.SessionLoopTopic;

    /// <summary>Whole payloads rejected (not JSON, not an object, too large).</summary>
    public long RejectedPayloadCount => Interlocked.Read(ref _rejectedPayloads);

    /// <summary>Single points skipped (path missing, wrong type).</summary>
    public long RejectedPointCount => Interlocked.Read(ref _rejectedPoints);

    public long SampleCount => Interlocked.Read(ref _samplesProduced);

    public async Task RunAsync(IFieldSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException($"MQTT sensors '{DeviceId}' are already running; RunAsync may be called once.");
        }

        MqttSensorLog.Started(_logger, DeviceId, _mappings.Count, _mqtt.Host, _mqtt.Port);
        var session = _session.RunAsync(cancellationToken);
        try
        {
            await foreach (var sample in _samples.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await sink.PublishSampleAsync(sample, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    MqttSensorLog.SinkFailed(_logger, DeviceId, exception);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is normal.
        }
        finally
        {
            await session;
            MqttSensorLog.Stopped(_logger, DeviceId);
        }
    }

    public ValueTask<DriverWriteResult> WriteAsync(string point, PointValue value, CancellationToken cancellationToken) =>
        ValueTask.FromResult(DriverWriteResult.Failure(ClassBoardText.PointsReadOnly(DeviceId, point)));

    public ValueTask DisposeAsync()
    {
        _samples.Writer.TryComplete();
        _session.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var message = args.ApplicationMessage;
        foreach (var (mapping, points) in _mappings)
        {
            if (MqttTopicFilterComparer.Compare(message.Topic, mapping.TopicFilter) != MqttTopicFilterCompareResult.IsMatch)
            {
                continue;
            }

            var deviceId = mapping.DeviceIdTopicLevel is { } level ? message.Topic.Split('/')[level] : mapping.DeviceId!;
            if (!CampusTopics.IsValidBoardId(deviceId))
            {
                Reject(message.Topic, new PayloadRejection($"topic level {mapping.DeviceIdTopicLevel} '{deviceId}' is not a valid device id", 0));
                continue;
            }

            var parsed = HeartbeatParser.TryParseObject(
                message.Payload,
                _mqtt.MaxPayloadBytes,
                root => (ReadPoints(root, points, message.Topic), (string?)null),
                out var values,
                out var rejection);
            if (!parsed)
            {
                Reject(message.Topic, rejection);
                continue;
            }

            foreach (var (name, value) in values!)
            {
                var sample = new Sample(new PointId(deviceId, name), value, Quality.Good, _clock.UtcNow, _clock.Stamp(), null);
                Interlocked.Increment(ref _samplesProduced);
                _samples.Writer.TryWrite(sample);
            }
        }

        return Task.CompletedTask;
    }

    private List<(string Name, PointValue Value)> ReadPoints(JsonElement root, IReadOnlyList<(MqttSensorPointOptions Point, IReadOnlyList<object> Path)> points, string topic)
    {
        var values = new List<(string, PointValue)>(points.Count);
        foreach (var (point, path) in points)
        {
            if (!JsonPathReader.TryRead(root, path, out var element))
            {
                RejectPoint(point.Name, topic, $"no value at {point.JsonPath}");
                continue;
            }

            if (TryConvert(element, point, out var value))
            {
                values.Add((point.Name, value));
            }
            else
            {
                RejectPoint(point.Name, topic, $"{element.ValueKind} at {point.JsonPath} is not a {point.Type}");
            }
        }

        return values;
    }

    private static bool TryConvert(JsonElement element, MqttSensorPointOptions point, out PointValue value)
    {
        value = PointValue.None;
        switch (point.Type)
        {
            case MqttSensorValueType.Number:
                double raw;
                if (element.ValueKind == JsonValueKind.Number)
                {
                    raw = element.GetDouble();
                }
                else if (element.ValueKind != JsonValueKind.String
                         || !double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out raw))
                {
                    return false;
                }

                var scaled = (raw * point.Scale) + point.Offset;
                if (!double.IsFinite(scaled))
                {
                    return false;
                }

                value = PointValue.FromNumber(scaled);
                return true;

            case MqttSensorValueType.Boolean:
                if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    value = PointValue.FromBoolean(element.GetBoolean());
                    return true;
                }

                if (element.ValueKind == JsonValueKind.Number)
                {
                    value = PointValue.FromBoolean(element.GetDouble() != 0);
                    return true;
                }

                return false;

            default:
                if (element.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                value = PointValue.FromText(element.GetString()!);
                return true;
        }
    }

    private void Reject(string topic, PayloadRejection rejection)
    {
        Interlocked.Increment(ref _rejectedPayloads);
        if (_warnings.TryAcquire(topic, out var suppressed))
        {
            MqttSensorLog.PayloadRejected(_logger, topic, rejection.Reason, rejection.ByteOffset, suppressed);
        }
    }

    private void RejectPoint(string name, string topic, string reason)
    {
        Interlocked.Increment(ref _rejectedPoints);
        if (_warnings.TryAcquire(topic + "#" + name, out var suppressed))
        {
            MqttSensorLog.PointRejected(_logger, name, topic, reason, suppressed);
        }
    }
}
