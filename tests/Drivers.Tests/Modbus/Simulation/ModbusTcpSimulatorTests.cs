using System.Net;
using System.Net.Sockets;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Simulation;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Simulation;

public sealed class ModbusTcpSimulatorTests : IAsyncLifetime
{
    private readonly ModbusTcpSimulator _simulator = new(IPAddress.Loopback, 0, unitId: 1, holdingRegisterCount: 100, inputRegisterCount: 10);
    private ModbusTcpClient? _client;

    private ModbusTcpClient Client => _client!;

    public async Task InitializeAsync()
    {
        await _simulator.StartAsync(CancellationToken.None);
        _client = new ModbusTcpClient(
            new ModbusTcpClientOptions { DeviceId = "sim", Host = "127.0.0.1", Port = _simulator.Port, Timeout = TimeSpan.FromSeconds(5) },
            TimeProvider.System,
            new RecordingLogger<ModbusTcpClient>());
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task Read_RawBytes()
    {
        _simulator.SetHoldingRegisters(0, 0x0384, 0xFFC9);
        using var socket = await ConnectAsync();

        var reply = await ExchangeAsync(socket, "00 01 00 00 00 06 01 03 00 00 00 02", 13);

        Assert.Equal(ScriptedStream.Hex("00 01 00 00 00 07 01 03 04 03 84 FF C9"), reply);
    }

    [Fact]
    public async Task Read_HoldingAndInputBanks()
    {
        _simulator.SetHoldingRegister(5, 111);
        _simulator.SetInputRegisters(8, 7, 9);

        Assert.Equal(new ushort[] { 111 }, await Client.ReadHoldingRegistersAsync(1, 5, 1, CancellationToken.None));
        Assert.Equal(new ushort[] { 7, 9 }, await Client.ReadInputRegistersAsync(1, 8, 2, CancellationToken.None));
    }

    [Theory]
    [InlineData(100, 1)]
    [InlineData(99, 2)]
    [InlineData(5000, 1)]
    public async Task Read_OutsideBankIsIllegalAddress(int address, int quantity)
    {
        var exception = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
            () => Client.ReadHoldingRegistersAsync(1, (ushort)address, (ushort)quantity, CancellationToken.None));

        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, exception.Code);
    }

    [Fact]
    public async Task Read_InputOutsideBankIsIllegalAddress()
    {
        var exception = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
            () => Client.ReadInputRegistersAsync(1, 9, 2, CancellationToken.None));

        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, exception.Code);
    }

    [Fact]
    public async Task Read_QuantityOver125IsIllegalValue()
    {
        using var socket = await ConnectAsync();

        var reply = await ExchangeAsync(socket, "00 01 00 00 00 06 01 03 00 00 00 7E", 9);

        Assert.Equal(ScriptedStream.Hex("00 01 00 00 00 03 01 83 03"), reply);
    }

    [Fact]
    public async Task UnknownFunction_IsIllegalFunction()
    {
        using var socket = await ConnectAsync();

        var reply = await ExchangeAsync(socket, "00 01 00 00 00 06 01 01 00 00 00 08", 9);

        Assert.Equal(ScriptedStream.Hex("00 01 00 00 00 03 01 81 01"), reply);
    }

    [Fact]
    public async Task OtherUnit_GetsNoReply()
    {
        _simulator.SetHoldingRegister(0, 42);
        using var socket = await ConnectAsync();

        await socket.SendAsync(ScriptedStream.Hex("00 01 00 00 00 06 09 03 00 00 00 01"));
        var reply = await ExchangeAsync(socket, "00 02 00 00 00 06 01 03 00 00 00 01", 11);

        Assert.Equal(ScriptedStream.Hex("00 02 00 00 00 05 01 03 02 00 2A"), reply);
    }

    [Fact]
    public async Task Write_SingleAndMultiple()
    {
        await Client.WriteSingleRegisterAsync(1, 3, 0x0384, CancellationToken.None);
        await Client.WriteMultipleRegistersAsync(1, 10, new ushort[] { 0x2000, 0x47F1 }, CancellationToken.None);

        Assert.Equal(0x0384, _simulator.GetHoldingRegister(3));
        Assert.Equal(0x2000, _simulator.GetHoldingRegister(10));
        Assert.Equal(0x47F1, _simulator.GetHoldingRegister(11));
    }

    [Fact]
    public async Task Write_OutsideBankIsIllegalAddress()
    {
        var exception = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
            () => Client.WriteMultipleRegistersAsync(1, 99, new ushort[] { 1, 2 }, CancellationToken.None));

        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, exception.Code);
        Assert.Equal(0, _simulator.GetHoldingRegister(99));
    }

    [Fact]
    public void Set_OutsideBankThrows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _simulator.SetHoldingRegisters(99, 1, 2));
    }

    [Fact]
    public async Task Set_MultipleRegistersAtomically()
    {
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (ushort value = 0; !stop.IsCancellationRequested; value++)
            {
                _simulator.SetHoldingRegisters(20, value, value);
            }
        });

        for (var i = 0; i < 200; i++)
        {
            var registers = await Client.ReadHoldingRegistersAsync(1, 20, 2, CancellationToken.None);
            Assert.Equal(registers[0], registers[1]);
        }

        await stop.CancelAsync();
        await writer;
    }

    [Fact]
    public async Task Restart_SamePort()
    {
        _simulator.SetHoldingRegister(0, 7);
        var port = _simulator.Port;
        Assert.NotEqual(0, port);
        Assert.Equal(new ushort[] { 7 }, await Client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None));

        await _simulator.StopAsync(CancellationToken.None);
        Assert.False(_simulator.IsRunning);
        await Assert.ThrowsAsync<ModbusConnectionException>(() => Client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None));
        await Assert.ThrowsAsync<ModbusConnectionException>(() => Client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None));

        await _simulator.StartAsync(CancellationToken.None);

        Assert.Equal(port, _simulator.Port);
        Assert.Equal(new ushort[] { 7 }, await Client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None));
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _simulator.Port);
        return socket;
    }

    private static async Task<byte[]> ExchangeAsync(Socket socket, string request, int replyLength)
    {
        await socket.SendAsync(ScriptedStream.Hex(request));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var reply = new byte[replyLength];
        var received = 0;
        while (received < replyLength)
        {
            var read = await socket.ReceiveAsync(reply.AsMemory(received), timeout.Token);
            Assert.NotEqual(0, read);
            received += read;
        }

        return reply;
    }
}
