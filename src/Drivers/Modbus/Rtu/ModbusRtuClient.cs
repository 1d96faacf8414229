using SmartCampus.Edge.Drivers.Modbus.Diagnostics;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus.Rtu;

/// <summary>
/// Register access of one device on a <see cref="ModbusRtuBus"/>, with the device's timeout, retries and priority.
/// A timeout or framing error is retried; an exception response and a broken port are not. Counters are kept per
/// device, read with <see cref="GetCounters"/> and recorded in <see cref="ModbusMetrics"/>.
/// </summary>
public sealed class ModbusRtuClient : ModbusClientBase
{
    private readonly ModbusRtuBus _bus;
    private readonly string _deviceId;
    private readonly ModbusPollPriority _priority;
    private readonly TimeSpan _timeout;
    private readonly int _retries;
    private readonly ModbusRequestCounter _counter;

    internal ModbusRtuClient(
        ModbusRtuBus bus,
        string deviceId,
        ModbusPollPriority priority,
        TimeSpan timeout,
        int retries,
        TimeProvider timeProvider)
    {
        _bus = bus;
        _deviceId = deviceId;
        _priority = priority;
        _timeout = timeout;
        _retries = retries;
        _counter = new ModbusRequestCounter(deviceId, timeProvider);
    }

    public string DeviceId => _deviceId;

    public ModbusRtuBus Bus => _bus;

    private protected override string MessageDeviceId => _deviceId;

    /// <summary>A copy of the counters so far.</summary>
    public ModbusCounters GetCounters() => _counter.Snapshot();

    /// <summary>The bus belongs to all its devices, so a device's client leaves it open.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal override ValueTask<TResult> ExchangeAsync<TResult>(
        byte unitId,
        ModbusRequest request,
        ModbusReplyHandler<TResult> handler,
        CancellationToken cancellationToken) =>
        _counter.RunAsync(
            static (state, token) => state.Client._bus.ExecuteAsync(
                state.Client._deviceId, state.UnitId, state.Request, state.Client._priority, state.Client._timeout, state.Handler, token),
            (Client: this, UnitId: unitId, Request: request, Handler: handler),
            _retries,
            static exception => exception is ModbusTimeoutException or ModbusProtocolException { Error: ModbusProtocolError.FramingError },
            cancellationToken);
}
