using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Planning;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Polling;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Writing;

namespace SmartCampus.Edge.Drivers.Modbus.Rtu;

/// <summary>
/// A Modbus RTU device on a shared <see cref="ModbusRtuBus"/>. It polls its points and writes holding-register and coil
/// points on request. Devices on one bus take turns, and an offline device backs off so the others keep their poll
/// rate. The caller that created the bus owns it, so disposing the device leaves the bus open.
/// </summary>
public sealed class ModbusRtuDevice : IDeviceDriver
{
    private readonly ModbusRtuDeviceOptions _options;
    private readonly ILogger _logger;
    private readonly ModbusRtuClient _client;
    private readonly ModbusPoller _poller;
    private readonly ModbusPointWriter _writer;
    private readonly ModbusPointReader _reader;
    private int _running;

    /// <exception cref="ArgumentException">The options are invalid. The message lists every problem.</exception>
    public ModbusRtuDevice(
        ModbusRtuDeviceOptions options,
        ModbusRtuBus bus,
        ModbusRtuBusOptions busOptions,
        GatewayClock clock,
        ILogger<ModbusRtuDevice> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(busOptions);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);

        var problems = options.Validate(busOptions);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }

        _options = options;
        _logger = logger;
        _client = bus.CreateClient(options.DeviceId, options.Priority, options.Timeout, options.Retries);

        var blocks = ModbusReadPlanner.Plan(options.Points, options.MaxRegistersPerRequest, options.MaxGap);
        _poller = new ModbusPoller(options.DeviceId, options.UnitId, _client, blocks, clock, logger);
        _writer = new ModbusPointWriter(options.DeviceId, options.UnitId, _client, options.Points, logger);
        _reader = new ModbusPointReader(options.DeviceId, options.UnitId, _client, options.Points, clock);
    }

    public string DeviceId => _options.DeviceId;

    /// <summary>Requests, errors by kind and latency of this device so far.</summary>
    public ModbusCounters GetCounters() => _client.GetCounters();

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled. Only one run at a time is allowed.</summary>
    public async Task RunAsync(IFieldSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException($"Device {DeviceId} is already running.");
        }

        try
        {
            ModbusLog.RtuPollingStarted(
                _logger,
                DeviceId,
                _client.Bus.Name,
                _options.UnitId,
                (long)_options.PollInterval.TotalMilliseconds,
                _options.Points.Count,
                _poller.RequestCount);

            await _poller.RunAsync(sink, _options.PollInterval, cancellationToken, _options.MaxBackoff);
        }
        finally
        {
            ModbusLog.PollingStopped(_logger, DeviceId);
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

    /// <summary>The bus is shared with other devices, so disposing one device leaves it open.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
