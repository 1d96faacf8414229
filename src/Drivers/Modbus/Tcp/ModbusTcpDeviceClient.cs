using SmartCampus.Edge.Drivers.Modbus.Diagnostics;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus.Tcp;

/// <summary>
/// One device's view of a <see cref="ModbusTcpClient"/>, which several unit ids behind one gateway may share: the
/// device's timeout, retries, counters and metrics. A timeout is retried, and so is a connection that broke during
/// the request, since the client reconnects for the next attempt. A connect that fails is not retried at once, because
/// the poller's backoff paces an unreachable device.
/// </summary>
internal sealed class ModbusTcpDeviceClient : ModbusClientBase
{
    private readonly ModbusTcpClient _client;
    private readonly string _deviceId;
    private readonly TimeSpan _timeout;
    private readonly int _retries;
    private readonly ModbusRequestCounter _counter;

    public ModbusTcpDeviceClient(ModbusTcpClient client, string deviceId, TimeSpan timeout, int retries, TimeProvider timeProvider)
    {
        _client = client;
        _deviceId = deviceId;
        _timeout = timeout;
        _retries = retries;
        _counter = new ModbusRequestCounter(deviceId, timeProvider);
    }

    private protected override string MessageDeviceId => _deviceId;

    public ModbusCounters GetCounters() => _counter.Snapshot();

    /// <summary>The TCP client may be shared, so its owner disposes it.</summary>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal override ValueTask<TResult> ExchangeAsync<TResult>(
        byte unitId,
        ModbusRequest request,
        ModbusReplyHandler<TResult> handler,
        CancellationToken cancellationToken) =>
        _counter.RunAsync(
            static (state, token) => state.Device._client.ExecuteAsync(
                state.UnitId, state.Request, state.Device._timeout, state.Device._deviceId, state.Handler, token),
            (Device: this, UnitId: unitId, Request: request, Handler: handler),
            _retries,
            static exception => exception is ModbusTimeoutException or ModbusConnectionException { WasConnected: true },
            cancellationToken);
}
