using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Tcp;

public sealed class ModbusTcpClientTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLogger<ModbusTcpClient> _logger = new();
    private readonly List<ScriptedStream> _streams = [];
    private readonly ModbusTcpClient _client;

    public ModbusTcpClientTests()
    {
        var options = new ModbusTcpClientOptions
        {
            DeviceId = "bldgA-2F-201-air",
            Host = "127.0.0.1",
            Port = 502,
            Timeout = Timeout,
        };
        _client = new ModbusTcpClient(options, _time, _logger, Connect);
    }

    private ScriptedStream Stream => _streams[^1];

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        _logger.AssertNoErrors();
    }

    [Fact]
    public async Task Exception_IllegalFunctionOverTcp()
    {
        var reading = _client.ReadHoldingRegistersAsync(2, 4000, 2, CancellationToken.None);

        var request = await Stream.NextWriteAsync();
        Assert.Equal(ScriptedStream.Hex("00 01 00 00 00 06 02 03 0F A0 00 02"), request);
        Stream.Feed("00 01 00 00 00 03 02 83 01");

        var exception = await Assert.ThrowsAsync<ModbusExceptionResponseException>(() => reading);
        Assert.Equal(ModbusExceptionCode.IllegalFunction, exception.Code);
        Assert.Equal(2, exception.UnitId);
        Assert.Equal(ModbusFunctionCode.ReadHoldingRegisters, exception.Function);
        Assert.Equal(4000, exception.Address);

        var english = exception.GetMessage(CultureInfo.GetCultureInfo("en"));
        Assert.Contains("illegal function", english, StringComparison.Ordinal);
        Assert.Contains("unit 2", english, StringComparison.Ordinal);
        Assert.Contains("function 3", english, StringComparison.Ordinal);
        Assert.Contains("address 4000", english, StringComparison.Ordinal);
        Assert.Contains("exception code 01", english, StringComparison.Ordinal);

        var chinese = exception.GetMessage(CultureInfo.GetCultureInfo("zh-CN"));
        Assert.Contains("非法功能", chinese, StringComparison.Ordinal);
        Assert.Contains("从站地址 2", chinese, StringComparison.Ordinal);
        Assert.Contains("功能码 3", chinese, StringComparison.Ordinal);
        Assert.Contains("起始地址 4000", chinese, StringComparison.Ordinal);
        Assert.Contains("异常码 01", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ReplySplitAcrossSegments()
    {
        var reading = _client.ReadInputRegistersAsync(1, 0, 2, CancellationToken.None);
        await Stream.NextWriteAsync();

        Stream.Feed("00 01 00 00 00 07 01");
        Stream.Feed("04 04 03 84 FF");
        await Task.Delay(50);
        Assert.False(reading.IsCompleted, "The client returned before the last byte arrived.");
        Stream.Feed("C9");

        Assert.Equal(new ushort[] { 0x0384, 0xFFC9 }, await reading);
    }

    [Fact]
    public async Task Read_IncompleteReplyTimesOut()
    {
        var reading = _client.ReadHoldingRegistersAsync(1, 0, 2, CancellationToken.None);
        await Stream.NextWriteAsync();
        Stream.Feed("00 01 00 00 00 07 01 03 04 03 84 FF");
        await Task.Delay(20);

        _time.Advance(Timeout);

        var exception = await Assert.ThrowsAsync<ModbusTimeoutException>(() => reading);
        Assert.Equal(Timeout, exception.Timeout);
        Assert.Contains("1000 ms", exception.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_LateReplyDiscarded()
    {
        var first = _client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await Stream.NextWriteAsync();
        _time.Advance(Timeout);
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => first);

        var second = _client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        var request = await Stream.NextWriteAsync();
        Assert.Equal(2, request[1]);

        // The late reply to request 1 (value 111) and the reply to request 2 (value 222) arrive joined.
        Stream.Feed("00 01 00 00 00 05 01 03 02 00 6F" + "00 02 00 00 00 05 01 03 02 00 DE");

        Assert.Equal(new ushort[] { 222 }, await second);
        Assert.Single(_streams);
        Assert.Equal(1, _logger.Count(2002));
    }

    [Fact]
    public async Task Read_TwoTimeoutsReconnect()
    {
        for (var i = 0; i < 2; i++)
        {
            var reading = _client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
            await Stream.NextWriteAsync();
            _time.Advance(Timeout);
            await Assert.ThrowsAsync<ModbusTimeoutException>(() => reading);
        }

        Assert.True(_streams[0].IsDisposed);
        Assert.False(_client.IsConnected);

        var next = _client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await Stream.NextWriteAsync();
        Stream.Feed("00 03 00 00 00 05 01 03 02 00 07");

        Assert.Equal(new ushort[] { 7 }, await next);
        Assert.Equal(2, _streams.Count);
    }

    [Fact]
    public async Task Read_RepeatedForeignIdsReconnect()
    {
        var reading = _client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await Stream.NextWriteAsync();
        Stream.Feed("00 07 00 00 00 05 01 03 02 00 01");
        Stream.Feed("00 08 00 00 00 05 01 03 02 00 01");
        Stream.Feed("00 09 00 00 00 05 01 03 02 00 01");

        var exception = await Assert.ThrowsAsync<ModbusProtocolException>(() => reading);

        Assert.Equal(ModbusProtocolError.TransactionIdMismatch, exception.Error);
        Assert.True(_streams[0].IsDisposed);
        Assert.False(_client.IsConnected);
    }

    [Fact]
    public async Task Read_BadProtocolIdReconnects()
    {
        var reading = _client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await Stream.NextWriteAsync();
        Stream.Feed("00 01 00 01 00 05 01 03 02 00 01");

        var exception = await Assert.ThrowsAsync<ModbusProtocolException>(() => reading);
        Assert.Equal(ModbusProtocolError.InvalidProtocolId, exception.Error);
        Assert.True(_streams[0].IsDisposed);

        var next = _client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await Stream.NextWriteAsync();
        Stream.Feed("00 02 00 00 00 05 01 03 02 00 09");

        Assert.Equal(new ushort[] { 9 }, await next);
        Assert.Equal(2, _streams.Count);
    }

    [Theory]
    [InlineData("00 01")]
    [InlineData("00 FF")]
    public async Task Read_BadLengthRejected(string length)
    {
        var reading = _client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await Stream.NextWriteAsync();
        Stream.Feed("00 01 00 00 " + length + " 01 03 02 00 01");

        var exception = await Assert.ThrowsAsync<ModbusProtocolException>(() => reading);

        Assert.Equal(ModbusProtocolError.InvalidLength, exception.Error);
        Assert.True(_streams[0].IsDisposed);
    }

    [Fact]
    public async Task Read_UnitIdMismatchRejected()
    {
        var reading = _client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await Stream.NextWriteAsync();
        Stream.Feed("00 01 00 00 00 05 07 03 02 00 01");

        var exception = await Assert.ThrowsAsync<ModbusProtocolException>(() => reading);

        Assert.Equal(ModbusProtocolError.UnitIdMismatch, exception.Error);
    }

    [Fact]
    public async Task Read_PeerClosedReconnects()
    {
        var reading = _client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await Stream.NextWriteAsync();
        Stream.CloseIncoming();

        var exception = await Assert.ThrowsAsync<ModbusConnectionException>(() => reading);
        Assert.True(exception.WasConnected);
        Assert.Contains("127.0.0.1:502", exception.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var next = _client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await Stream.NextWriteAsync();
        Stream.Feed("00 02 00 00 00 05 01 03 02 00 05");

        Assert.Equal(new ushort[] { 5 }, await next);
    }

    [Fact]
    public async Task Read_OneRequestInFlight()
    {
        var first = _client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        var second = _client.ReadHoldingRegistersAsync(1, 10, 1, CancellationToken.None);

        var firstRequest = await Stream.NextWriteAsync();
        var secondWrite = Stream.NextWriteAsync();
        await Task.Delay(50);
        Assert.False(secondWrite.IsCompleted, "A second request went out before the first got its reply.");

        Stream.Feed("00 01 00 00 00 05 01 03 02 00 01");
        Assert.Equal(new ushort[] { 1 }, await first);

        var secondRequest = await secondWrite;
        Assert.Equal(ScriptedStream.Hex("00 02 00 00 00 06 01 03 00 0A 00 01"), secondRequest);
        Stream.Feed("00 02 00 00 00 05 01 03 02 00 02");
        Assert.Equal(new ushort[] { 2 }, await second);
        Assert.Equal(1, firstRequest[1]);
    }

    [Fact]
    public async Task Write_SingleRegister()
    {
        var writing = _client.WriteSingleRegisterAsync(1, 1, 0x0384, CancellationToken.None);

        Assert.Equal(ScriptedStream.Hex("00 01 00 00 00 06 01 06 00 01 03 84"), await Stream.NextWriteAsync());
        Stream.Feed("00 01 00 00 00 06 01 06 00 01 03 84");

        await writing;
    }

    [Fact]
    public async Task Write_MultipleRegisters()
    {
        var writing = _client.WriteMultipleRegistersAsync(1, 2, new ushort[] { 0x2000, 0x47F1 }, CancellationToken.None);

        Assert.Equal(ScriptedStream.Hex("00 01 00 00 00 0B 01 10 00 02 00 02 04 20 00 47 F1"), await Stream.NextWriteAsync());
        Stream.Feed("00 01 00 00 00 06 01 10 00 02 00 02");

        await writing;
    }

    [Fact]
    public async Task Connect_RefusedIsConnectionError()
    {
        await using var client = new ModbusTcpClient(
            new ModbusTcpClientOptions { DeviceId = "meter", Host = "127.0.0.1", Port = 1502, Timeout = Timeout },
            _time,
            _logger,
            _ => throw new SocketException((int)SocketError.ConnectionRefused));

        var exception = await Assert.ThrowsAsync<ModbusConnectionException>(
            () => client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None));

        Assert.False(exception.WasConnected);
        var message = exception.GetMessage(CultureInfo.InvariantCulture);
        Assert.StartsWith("Cannot connect to device meter at 127.0.0.1:1502", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_HangingTimesOut()
    {
        await using var client = new ModbusTcpClient(
            new ModbusTcpClientOptions { DeviceId = "meter", Host = "127.0.0.1", Port = 1502, Timeout = Timeout },
            _time,
            _logger,
            async token =>
            {
                await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, token);
                return new ScriptedStream();
            });

        var reading = client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        await Task.Delay(20);
        _time.Advance(Timeout);

        var exception = await Assert.ThrowsAsync<ModbusConnectionException>(() => reading);
        Assert.IsType<TimeoutException>(exception.InnerException);
    }

    [Fact]
    public async Task Read_CallerCancelIsNotModbusError()
    {
        using var cancel = new CancellationTokenSource();
        var reading = _client.ReadHoldingRegistersAsync(1, 0, 1, cancel.Token);
        await Stream.NextWriteAsync();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }

    [Fact]
    public async Task Dispose_RejectsLaterRequests()
    {
        await _client.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => _client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None));
    }

    private ValueTask<Stream> Connect(CancellationToken cancellationToken)
    {
        var stream = new ScriptedStream();
        _streams.Add(stream);
        return ValueTask.FromResult<Stream>(stream);
    }
}
