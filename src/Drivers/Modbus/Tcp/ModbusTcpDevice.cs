using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Planning;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Polling;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Writing;

namespace SmartCampus.Edge.Drivers.Modbus.Tcp;

/// <summary>
/// A Modbus TCP device: polls its points over one connection and writes holding-register points on request.
/// Polls and writes share the connection and go out one at a time. An offline device is polled less often, up to
/// <see cref="ModbusTcpDeviceOptions.MaxBackoff"/>, and its online and offline changes are published as device events.
/// </summary>
public sealed class ModbusTcpDevice : IDeviceDriver
{
    private readonly ModbusTcpDeviceOptions _options;
    private readonly ILogger _logger;
    private readonly ModbusTcpClient _client;
    private readonly ModbusTcpDeviceClient _deviceClient;
    private readonly ModbusPoller _poller;
    private readonly ModbusPointWriter _writer;
    private readonly ModbusPointReader _reader;
    private readonly bool _ownsClient;
    private int _running;

    /// <exception cref="ArgumentException">The options are invalid. The message lists every problem.</exception>
    public ModbusTcpDevice(ModbusTcpDeviceOptions options, GatewayClock clock, ILogger<ModbusTcpDevice> logger)
        : this(options, sharedClient: null, clock, logger)
    {
    }

    /// <summary>
    /// Creates a device that talks through <paramref name="sharedClient"/>, so several unit ids behind one
    /// TCP-to-RTU gateway share its connection and its queue. The device does not dispose a shared client.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid. The message lists every problem.</exception>
    public ModbusTcpDevice(ModbusTcpDeviceOptions options, ModbusTcpClient? sharedClient, GatewayClock clock, ILogger<ModbusTcpDevice> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }

        _options = options;
        _logger = logger;
        _ownsClient = sharedClient is null;
        _client = sharedClient ?? new ModbusTcpClient(
            new ModbusTcpClientOptions { DeviceId = options.DeviceId, Host = options.Host, Port = options.Port, Timeout = options.Timeout },
            clock.TimeProvider,
            logger);

        _deviceClient = new ModbusTcpDeviceClient(_client, options.DeviceId, options.Timeout, options.Retries, clock.TimeProvider);

        var blocks = ModbusReadPlanner.Plan(options.Points, options.MaxRegistersPerRequest);
        _poller = new ModbusPoller(options.DeviceId, options.UnitId, _deviceClient, blocks, clock, logger);
        _writer = new ModbusPointWriter(options.DeviceId, options.UnitId, _deviceClient, options.Points, logger);
        _reader = new ModbusPointReader(options.DeviceId, options.UnitId, _deviceClient, options.Points, clock);
    }

    public string DeviceId => _options.DeviceId;

    /// <summary>Requests, errors by kind and latency of this device so far, retries included.</summary>
    public ModbusCounters GetCounters() => _deviceClient.GetCounters();

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
            ModbusLog.PollingStarted(
                _logger,
                DeviceId,
                _client.Endpoint,
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

    public ValueTask DisposeAsync() => _ownsClient ? _client.DisposeAsync() : ValueTask.CompletedTask;
}
