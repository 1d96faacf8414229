using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Planning;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Polling;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Drivers.Serial;

namespace SmartCampus.Edge.Benchmarks.Modbus;

/// <summary>
/// The device whose polls the allocation benchmark and the allocation tests count: 10 uint16 points at addresses 0-9
/// in one FC3 request, unit id 1, a 2 s timeout and 2 retries, whose registers contain 100 + address. It builds the
/// clients, against an <see cref="InstantReplyStream"/> or a real peer, and the poller with the device's retry and
/// counter layer, and it measures what the samples of one poll cost alone.
/// </summary>
internal static class ModbusPollRig
{
    public const int Points = 10;

    public const byte UnitId = 1;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>The registers of the device on a real peer: address i contains 100 + i, as on the in-process peer.</summary>
    public static Dictionary<ushort, ushort> Registers() =>
        Enumerable.Range(0, Points).ToDictionary(i => (ushort)i, i => (ushort)(100 + i));

    /// <summary>A TCP client on 127.0.0.1:<paramref name="port"/>, or on an in-process peer when the port is null.</summary>
    public static ModbusTcpClient TcpClient(string deviceId, int? port) =>
        new(
            new ModbusTcpClientOptions { DeviceId = deviceId, Host = "127.0.0.1", Port = port ?? 502, Timeout = Timeout },
            TimeProvider.System,
            NullLogger.Instance,
            port is null ? _ => ValueTask.FromResult<Stream>(new InstantReplyStream(rtu: false, UnitId, Points)) : null);

    /// <summary>
    /// An RTU bus at 115200 baud on the serial port <paramref name="portName"/>, run by <paramref name="driver"/>, or on
    /// an in-process peer when the port is null.
    /// </summary>
    public static ModbusRtuBus RtuBus(string? portName, SerialPortDriver driver = SerialPortDriver.Auto) =>
        new(
            new ModbusRtuBusOptions { PortName = portName ?? "in-process", BaudRate = 115200, SerialDriver = driver },
            TimeProvider.System,
            NullLogger.Instance,
            portName is null ? _ => ValueTask.FromResult<Stream>(new InstantReplyStream(rtu: true, UnitId, Points)) : null);

    /// <summary>
    /// An RTU bus at 115200 baud through a TCP converter on 127.0.0.1:<paramref name="port"/> that tunnels raw RTU
    /// frames, with the tunnel's default noise silence of 50 ms. <paramref name="connect"/> replaces the bus's own
    /// connection and stream when given.
    /// </summary>
    public static ModbusRtuBus RtuTunnelBus(int port, Func<CancellationToken, ValueTask<Stream>>? connect = null) =>
        new(
            new ModbusRtuBusOptions { TunnelHost = "127.0.0.1", TunnelPort = port, BaudRate = 115200 },
            TimeProvider.System,
            NullLogger.Instance,
            connect);

    public static (ModbusPoller Poller, ModbusTcpDeviceClient Device) TcpPoller(ModbusTcpClient client, GatewayClock clock)
    {
        var device = new ModbusTcpDeviceClient(client, "tcp-alloc", Timeout, retries: 2, TimeProvider.System);
        return (new ModbusPoller("tcp-alloc", UnitId, device, Plan(), clock, NullLogger.Instance), device);
    }

    public static (ModbusPoller Poller, ModbusRtuClient Device) RtuPoller(ModbusRtuBus bus, GatewayClock clock)
    {
        var device = bus.CreateClient("rtu-alloc", ModbusPollPriority.Normal, Timeout, retries: 2);
        return (new ModbusPoller("rtu-alloc", UnitId, device, Plan(), clock, NullLogger.Instance), device);
    }

    /// <summary>Bytes the samples of <paramref name="polls"/> polls take alone, built as the poller builds them, on this thread.</summary>
    public static long SampleBytes(GatewayClock clock, int polls)
    {
        var keep = new Sample[Points];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < polls; i++)
        {
            var time = clock.UtcNow;
            var stamp = clock.Stamp();
            for (var p = 0; p < Points; p++)
            {
                keep[p] = new Sample(new PointId("alloc", "p"), PointValue.FromNumber(i + p), Quality.Good, time, stamp);
            }
        }

        GC.KeepAlive(keep);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static List<ModbusReadBlock> Plan() =>
        [.. ModbusReadPlanner.Plan(
            [.. Enumerable.Range(0, Points).Select(i => new ModbusPointOptions { Name = $"p{i}", Address = (ushort)i })],
            ModbusLimits.MaxReadRegisters)];
}
