using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Planning;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Writing;

namespace SmartCampus.Edge.Drivers.Modbus.Polling;

/// <summary>
/// The transport-independent part of a Modbus device driver: the poll loop over its planned blocks, point writes and
/// one-point diagnostic reads, all through one <see cref="IModbusClient"/>, with one poll loop at a time.
/// </summary>
internal sealed class ModbusDeviceRunner
{
    private readonly string _deviceId;
    private readonly ILogger _logger;
    private readonly ModbusPoller _poller;
    private readonly ModbusPointWriter _writer;
    private readonly ModbusPointReader _reader;
    private int _running;

    public ModbusDeviceRunner(
        string deviceId,
        byte unitId,
        IModbusClient client,
        IReadOnlyList<ModbusPointOptions> points,
        int maxRegistersPerRequest,
        int maxGap,
        int maxBitsPerRequest,
        GatewayClock clock,
        ILogger logger)
    {
        _deviceId = deviceId;
        _logger = logger;

        var blocks = ModbusReadPlanner.Plan(points, maxRegistersPerRequest, maxGap, maxBitsPerRequest);
        _poller = new ModbusPoller(deviceId, unitId, client, blocks, clock, logger);
        _writer = new ModbusPointWriter(deviceId, unitId, client, points, logger);
        _reader = new ModbusPointReader(deviceId, unitId, client, points, clock);
    }

    /// <summary>Requests one poll sends.</summary>
    public int RequestCount => _poller.RequestCount;

    /// <summary>
    /// Calls <paramref name="started"/> (the transport's start log), then polls until <paramref name="cancellationToken"/>
    /// is cancelled. Only one run at a time is allowed.
    /// </summary>
    public async Task RunAsync(IFieldSink sink, TimeSpan pollInterval, TimeSpan maxBackoff, Action started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException($"Device {_deviceId} is already running.");
        }

        try
        {
            started();
            await _poller.RunAsync(sink, pollInterval, cancellationToken, maxBackoff);
        }
        finally
        {
            ModbusLog.PollingStopped(_logger, _deviceId);
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>
    /// Reads one point now, queued with the polls; for diagnostics. The result is not published. A Modbus failure is
    /// returned in <see cref="ModbusPointReading.Error"/>, not thrown.
    /// </summary>
    /// <exception cref="ArgumentException">The device has no point named <paramref name="point"/>.</exception>
    public Task<ModbusPointReading> ReadPointAsync(string point, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(point);
        return _reader.ReadAsync(point, cancellationToken);
    }

    public ValueTask<DriverWriteResult> WriteAsync(string point, PointValue value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(point);
        return _writer.WriteAsync(point, value, cancellationToken);
    }
}
