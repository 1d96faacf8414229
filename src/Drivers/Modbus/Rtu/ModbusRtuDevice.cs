using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Polling;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

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
    private readonly ModbusDeviceRunner _runner;

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
        _runner = new ModbusDeviceRunner(
            options.DeviceId, options.UnitId, _client, options.Points, options.MaxRegistersPerRequest, options.MaxGap, options.MaxBitsPerRequest, clock, logger);
    }

    public string DeviceId => _options.DeviceId;

    /// <summary>Requests, errors by kind and latency of this device so far.</summary>
    public ModbusCounters GetCounters() => _client.GetCounters();

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled. Only one run at a time is allowed.</summary>
    public Task RunAsync(IFieldSink sink, CancellationToken cancellationToken) =>
        _runner.RunAsync(sink, _options.PollInterval, _options.MaxBackoff, LogStarted, cancellationToken);

    /// <inheritdoc cref="ModbusDeviceRunner.ReadPointAsync"/>
    public Task<ModbusPointReading> ReadPointAsync(string point, CancellationToken cancellationToken) =>
        _runner.ReadPointAsync(point, cancellationToken);

    public ValueTask<DriverWriteResult> WriteAsync(string point, PointValue value, CancellationToken cancellationToken) =>
        _runner.WriteAsync(point, value, cancellationToken);

    /// <summary>The bus is shared with other devices, so disposing one device leaves it open.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void LogStarted() =>
        ModbusLog.RtuPollingStarted(
            _logger,
            DeviceId,
            _client.Bus.Name,
            _options.UnitId,
            (long)_options.PollInterval.TotalMilliseconds,
            _options.Points.Count,
            _runner.RequestCount);
}
