using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Polling;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

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
    private readonly ModbusDeviceRunner _runner;
    private readonly bool _ownsClient;

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
        _runner = new ModbusDeviceRunner(
            options.DeviceId, options.UnitId, _deviceClient, options.Points, options.MaxRegistersPerRequest, options.MaxGap, options.MaxBitsPerRequest, clock, logger);
    }

    public string DeviceId => _options.DeviceId;

    /// <summary>Requests, errors by kind and latency of this device so far, retries included.</summary>
    public ModbusCounters GetCounters() => _deviceClient.GetCounters();

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled. Only one run at a time is allowed.</summary>
    public Task RunAsync(IFieldSink sink, CancellationToken cancellationToken) =>
        _runner.RunAsync(sink, _options.PollInterval, _options.MaxBackoff, LogStarted, cancellationToken);

    /// <inheritdoc cref="ModbusDeviceRunner.ReadPointAsync"/>
    public Task<ModbusPointReading> ReadPointAsync(string point, CancellationToken cancellationToken) =>
        _runner.ReadPointAsync(point, cancellationToken);

    public ValueTask<DriverWriteResult> WriteAsync(string point, PointValue value, CancellationToken cancellationToken) =>
        _runner.WriteAsync(point, value, cancellationToken);

    public ValueTask DisposeAsync() => _ownsClient ? _client.DisposeAsync() : ValueTask.CompletedTask;

    private void LogStarted() =>
        ModbusLog.PollingStarted(
            _logger,
            DeviceId,
            _client.Endpoint,
            _options.UnitId,
            (long)_options.PollInterval.TotalMilliseconds,
            _options.Points.Count,
            _runner.RequestCount);
}
