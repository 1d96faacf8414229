using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Drivers.Modbus.Diagnostics;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Drivers.Tests.Modbus.Diagnostics;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Tcp;

public sealed class ModbusTcpDeviceClientTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLogger<ModbusTcpClient> _logger = new();
    private readonly List<ScriptedStream> _streams = [];
    private readonly ModbusTcpClient _shared;

    public ModbusTcpDeviceClientTests()
    {
        var options = new ModbusTcpClientOptions { DeviceId = "gateway-1", Host = "127.0.0.1", Port = 502, Timeout = TimeSpan.FromSeconds(5) };
        _shared = new ModbusTcpClient(options, _time, _logger, Connect);
    }

    private ScriptedStream Stream => _streams[^1];

    public async ValueTask DisposeAsync() => await _shared.DisposeAsync();

    [Fact]
    public async Task Timeout_RetriedThenThrown()
    {
        var deviceId = NewDeviceId();
        using var metrics = new MetricsRecorder(deviceId);
        var client = new ModbusTcpDeviceClient(_shared, deviceId, TimeSpan.FromMilliseconds(300), retries: 1, _time);

        // Two attempts: a third would find the connection closed after two timeouts in a row and open a new one.
        var reading = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await Stream.NextWriteAsync();
            _time.Advance(TimeSpan.FromMilliseconds(300));
        }

        var exception = await Assert.ThrowsAsync<ModbusTimeoutException>(() => reading);
        Assert.Equal(TimeSpan.FromMilliseconds(300), exception.Timeout);
        var counters = client.GetCounters();
        Assert.Equal(2, counters.Requests);
        Assert.Equal(2, counters.Timeouts);
        Assert.Equal(0, counters.Responses);
        Assert.Equal(2, metrics.Sum(ModbusMetrics.RequestsName));
        Assert.Equal(2, metrics.Sum(ModbusMetrics.ErrorsName, "timeout"));
        Assert.Equal(0, metrics.Count(ModbusMetrics.LatencyName));
    }

    [Fact]
    public async Task Timeout_RetrySucceeds()
    {
        var deviceId = NewDeviceId();
        using var metrics = new MetricsRecorder(deviceId);
        var client = new ModbusTcpDeviceClient(_shared, deviceId, TimeSpan.FromMilliseconds(300), retries: 1, _time);

        var reading = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await Stream.NextWriteAsync();
        _time.Advance(TimeSpan.FromMilliseconds(300));
        var retry = await Stream.NextWriteAsync();
        _time.Advance(TimeSpan.FromMilliseconds(40));
        Stream.Feed([retry[0], retry[1], 0, 0, 0, 5, 1, 3, 2, 0x03, 0x84]);

        Assert.Equal([900], await reading);
        var counters = client.GetCounters();
        Assert.Equal(2, counters.Requests);
        Assert.Equal(1, counters.Timeouts);
        Assert.Equal(1, counters.Responses);
        Assert.Equal(TimeSpan.FromMilliseconds(40), counters.MaxLatency);
        Assert.Equal(1, metrics.Sum(ModbusMetrics.ErrorsName, "timeout"));
        Assert.Equal(40, metrics.Sum(ModbusMetrics.LatencyName));
    }

    [Fact]
    public async Task ExceptionResponse_NotRetried()
    {
        var deviceId = NewDeviceId();
        using var metrics = new MetricsRecorder(deviceId);
        var client = new ModbusTcpDeviceClient(_shared, deviceId, TimeSpan.FromMilliseconds(300), retries: 3, _time);

        var reading = client.ReadHoldingRegistersAsync(1, 5000, 1, CancellationToken.None);
        var request = await Stream.NextWriteAsync();
        Stream.Feed([request[0], request[1], 0, 0, 0, 3, 1, 0x83, 0x02]);

        var exception = await Assert.ThrowsAsync<ModbusExceptionResponseException>(() => reading);
        Assert.Equal(deviceId, exception.DeviceId);
        Assert.Equal(1, client.GetCounters().Requests);
        Assert.Equal(1, client.GetCounters().ExceptionResponses);
        Assert.Equal(1, metrics.Sum(ModbusMetrics.ErrorsName, "exception_response"));
        Assert.Equal(1, metrics.Count(ModbusMetrics.LatencyName));
    }

    [Fact]
    public async Task SharedClient_KeepsEachDevicesTimeout()
    {
        var quickId = NewDeviceId();
        var quick = new ModbusTcpDeviceClient(_shared, quickId, TimeSpan.FromMilliseconds(200), retries: 0, _time);
        var patient = new ModbusTcpDeviceClient(_shared, NewDeviceId(), TimeSpan.FromSeconds(2), retries: 0, _time);

        var quickRead = quick.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await Stream.NextWriteAsync();
        _time.Advance(TimeSpan.FromMilliseconds(200));
        var quickError = await Assert.ThrowsAsync<ModbusTimeoutException>(() => quickRead);

        var patientRead = patient.ReadHoldingRegistersAsync(2, 0, 1, CancellationToken.None);
        var request = await Stream.NextWriteAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        Stream.Feed([request[0], request[1], 0, 0, 0, 5, 2, 3, 2, 0x00, 0x2A]);

        Assert.Equal(TimeSpan.FromMilliseconds(200), quickError.Timeout);
        Assert.Equal(quickId, quickError.DeviceId);
        Assert.Equal([42], await patientRead);
    }

    [Fact]
    public async Task ByteCountMismatch_IsProtocolError()
    {
        // Two registers requested, one register's bytes returned: a device error, never two values.
        var deviceId = NewDeviceId();
        using var metrics = new MetricsRecorder(deviceId);
        var client = new ModbusTcpDeviceClient(_shared, deviceId, TimeSpan.FromMilliseconds(300), retries: 0, _time);

        var reading = client.ReadHoldingRegistersAsync(1, 0, 2, CancellationToken.None);
        var request = await Stream.NextWriteAsync();
        Stream.Feed([request[0], request[1], 0, 0, 0, 5, 1, 3, 2, 0x03, 0x84]);

        var exception = await Assert.ThrowsAsync<ModbusProtocolException>(() => reading);
        Assert.Equal(ModbusProtocolError.ByteCountMismatch, exception.Error);
        Assert.Equal(1, client.GetCounters().ProtocolErrors);
        Assert.Equal(1, metrics.Sum(ModbusMetrics.ErrorsName, "protocol"));
        Assert.Equal(0, metrics.Count(ModbusMetrics.LatencyName));
    }

    [Fact]
    public async Task ClosedConnection_IsConnectionError()
    {
        var deviceId = NewDeviceId();
        using var metrics = new MetricsRecorder(deviceId);
        var client = new ModbusTcpDeviceClient(_shared, deviceId, TimeSpan.FromMilliseconds(300), retries: 0, _time);

        var reading = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await Stream.NextWriteAsync();
        Stream.CloseIncoming();

        var exception = await Assert.ThrowsAsync<ModbusConnectionException>(() => reading);
        Assert.Equal(deviceId, exception.DeviceId);
        Assert.Equal(1, client.GetCounters().ConnectionErrors);
        Assert.Equal(1, metrics.Sum(ModbusMetrics.ErrorsName, "connection"));
    }

    private static string NewDeviceId() => "tcp-" + Guid.NewGuid().ToString("N")[..8];

    private ValueTask<Stream> Connect(CancellationToken cancellationToken)
    {
        var stream = new ScriptedStream();
        _streams.Add(stream);
        return ValueTask.FromResult<Stream>(stream);
    }
}
