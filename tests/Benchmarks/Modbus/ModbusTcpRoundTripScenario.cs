using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Benchmarks.Modbus;

/// <summary>
/// FC3 × 10 registers against one pymodbus TCP server: <see cref="ModbusTcpClient"/> next to a minimal raw-socket
/// client (fixed MBAP request, blocking read of the 29-byte reply, no checks) in alternating rounds of the same run.
/// The raw client's rate is the ceiling the server allows.
/// </summary>
public sealed class ModbusTcpRoundTripScenario : IScenario
{
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(3);

    public string Name => "modbus-tcp-roundtrip";

    public string Description => "FC3 x 10 registers per second: ModbusTcpClient vs a raw socket, same pymodbus server";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var holding = Enumerable.Range(0, 10).ToDictionary(i => (ushort)i, i => (ushort)(100 + i));
        await using var server = await PymodbusServer.StartAsync(new PymodbusServerOptions { HoldingRegisters = holding }, cancellationToken);
        await using var client = new ModbusTcpClient(
            new ModbusTcpClientOptions { DeviceId = "bench", Host = "127.0.0.1", Port = server.Port, Timeout = TimeSpan.FromSeconds(5) },
            TimeProvider.System,
            NullLogger.Instance);
        using var raw = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await raw.ConnectAsync("127.0.0.1", server.Port, cancellationToken);

        // Warm-up: JIT, connection, pymodbus's first requests.
        await ClientRateAsync(client, TimeSpan.FromSeconds(1), cancellationToken);
        await RawRateAsync(raw, TimeSpan.FromSeconds(1), cancellationToken);

        var clientRates = new List<double>();
        var rawRates = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            rawRates.Add(await RawRateAsync(raw, Round, cancellationToken));
            clientRates.Add(await ClientRateAsync(client, Round, cancellationToken));
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"round {round + 1}: raw {rawRates[^1]:F0}/s, ModbusTcpClient {clientRates[^1]:F0}/s ({LoadAverage.Read()})"));
        }

        var ratio = clientRates.Sum() / rawRates.Sum();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"total: raw {rawRates.Average():F0}/s, ModbusTcpClient {clientRates.Average():F0}/s, {ratio:P1} of the ceiling"));
    }

    private static async Task<double> ClientRateAsync(ModbusTcpClient client, TimeSpan duration, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.Elapsed < duration)
        {
            var registers = await client.ReadHoldingRegistersAsync(1, 0, 10, cancellationToken);
            if (registers[9] != 109)
            {
                throw new InvalidOperationException("Wrong register value.");
            }

            count++;
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> RawRateAsync(Socket socket, TimeSpan duration, CancellationToken cancellationToken)
    {
        var request = new byte[12];
        var reply = new byte[9 + 20];
        var watch = Stopwatch.StartNew();
        var count = 0;
        ushort transaction = 0;
        while (watch.Elapsed < duration)
        {
            BinaryPrimitives.WriteUInt16BigEndian(request, ++transaction);
            request[5] = 6;
            request[6] = 1;
            request[7] = 3;
            request[11] = 10;
            await socket.SendAsync(request, cancellationToken);
            var received = 0;
            while (received < reply.Length)
            {
                var read = await socket.ReceiveAsync(reply.AsMemory(received), cancellationToken);
                if (read == 0)
                {
                    throw new EndOfStreamException();
                }

                received += read;
            }

            count++;
        }

        return count / watch.Elapsed.TotalSeconds;
    }
}
