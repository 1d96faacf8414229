using System.Diagnostics;
using System.Globalization;
using System.IO.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Serial;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Benchmarks.Modbus;

/// <summary>
/// FC3 × 10 registers over a socat pseudo-terminal pair to pymodbus's RTU server: <see cref="ModbusRtuBus"/> with each
/// serial driver next to a raw <see cref="SerialPort"/> client (fixed request, blocking read of the 25-byte reply) in the same run. A pty does
/// not pace bytes, so the difference per transaction is the transport's own overhead, inter-frame gap included. Each
/// figure is given as wall time and as CPU time of this process.
/// </summary>
public sealed class ModbusRtuOverheadScenario : IScenario
{
    private const int Transactions = 300;

    public string Name => "modbus-rtu-overhead";

    public string Description => "RTU transaction time on a pty pair: ModbusRtuBus on both serial drivers vs a raw SerialPort, same pymodbus server";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await using var pair = await SocatPair.StartAsync(cancellationToken);
        var holding = Enumerable.Range(0, 10).ToDictionary(i => (ushort)i, i => (ushort)(100 + i));
        await using var server = await PymodbusRtuServer.StartAsync(
            new PymodbusRtuServerOptions { SerialPath = pair.PathA, BaudRate = 115200, HoldingRegisters = holding },
            cancellationToken);

        foreach (var baud in new[] { 9600, 115200 })
        {
            for (var round = 0; round < 2; round++)
            {
                var raw = RawCost(pair.PathB, baud);
                var linux = await BusCostAsync(pair.PathB, baud, SerialPortDriver.Linux, cancellationToken);
                var ports = await BusCostAsync(pair.PathB, baud, SerialPortDriver.SystemIOPorts, cancellationToken);
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{baud} baud (gap {RtuTiming.FrameSilence(baud, 8, Parity.None, StopBits.One).TotalMilliseconds:F2} ms), round {round + 1}: raw {raw}, ModbusRtuBus on the Linux stream {linux} (overhead {linux.Wall - raw.Wall:F3} ms), on System.IO.Ports {ports} (overhead {ports.Wall - raw.Wall:F3} ms) per transaction ({LoadAverage.Read()})"));
            }
        }
    }

    private static Cost RawCost(string path, int baud)
    {
        using var port = new SerialPort(path, baud, Parity.None, 8, StopBits.One) { ReadTimeout = 2000 };
        port.Open();
        var request = ModbusRtuBus.BuildAdu(1, [3, 0, 0, 0, 10]);
        var reply = new byte[25];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Transactions; i++)
        {
            port.Write(request, 0, request.Length);
            var received = 0;
            while (received < reply.Length)
            {
                received += port.Read(reply, received, reply.Length - received);
            }
        }

        return Cost.Since(watch, cpu);
    }

    private static async Task<Cost> BusCostAsync(string path, int baud, SerialPortDriver driver, CancellationToken cancellationToken)
    {
        var options = new ModbusRtuBusOptions { PortName = path, BaudRate = baud, SerialDriver = driver };
        await using var bus = new ModbusRtuBus(options, TimeProvider.System, NullLogger.Instance);
        var client = bus.CreateClient("bench", ModbusPollPriority.Normal, TimeSpan.FromSeconds(2), retries: 0);
        await client.ReadHoldingRegistersAsync(1, 0, 10, cancellationToken);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Transactions; i++)
        {
            await client.ReadHoldingRegistersAsync(1, 0, 10, cancellationToken);
        }

        return Cost.Since(watch, cpu);
    }

    /// <summary>
    /// Wall time and this process's CPU time (all its threads, pymodbus and socat excluded) per transaction, in ms. CPU
    /// time depends less on other load than wall time does.
    /// </summary>
    private readonly record struct Cost(double Wall, double Cpu)
    {
        public static Cost Since(Stopwatch watch, TimeSpan cpuBefore) =>
            new(watch.Elapsed.TotalMilliseconds / Transactions, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / Transactions);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Wall:F3} ms (CPU {Cpu:F3} ms)");
    }
}
