using System.Diagnostics;
using System.Globalization;
using System.IO.Ports;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Rtu;

namespace SmartCampus.Edge.Benchmarks.Modbus;

/// <summary>
/// Poll cycle of 20 devices on one RS485 line at 9600 baud 8N1, each read with FC3 × 10 registers, over a line that
/// delays every byte by its wire time (<see cref="PacedRtuLine"/>). The wire time of a cycle is computed from the frame
/// lengths: per transaction the request, a 3.5-character silence, the reply, and a 3.5-character silence before the
/// next request. The achieved cycle is measured with all 20 reads queued at once, as 20 polling devices queue them.
/// </summary>
public sealed class ModbusRtuCycleScenario : IScenario
{
    private const int Devices = 20;
    private const int Registers = 10;
    private const int BaudRate = 9600;
    private const int Cycles = 10;

    /// <summary>
    /// Pause after which a partial reply counts as noise, raised from 3.65 ms as for a USB adapter that delivers in
    /// bursts: on a 2-core machine at load 30 and more the reader thread is often late by tens of milliseconds. Replies
    /// still end at their length, and the gap the bus keeps before each request stays the specification's 3.5 characters.
    /// </summary>
    private static readonly TimeSpan NoiseSilence = TimeSpan.FromMilliseconds(250);

    public string Name => "modbus-rtu-cycle";

    public string Description => "cycle time of 20 RTU devices at 9600 baud on a paced line vs the computed wire time";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        // 8N1: start bit, 8 data bits, no parity, 1 stop bit.
        const int bitsPerCharacter = 10;
        var characterMilliseconds = 1000.0 * bitsPerCharacter / BaudRate;
        var silence = RtuTiming.FrameSilence(BaudRate, 8, Parity.None, StopBits.One).TotalMilliseconds;
        var requestBytes = 8;
        var replyBytes = 5 + (2 * Registers);
        var transactionWire = ((requestBytes + replyBytes) * characterMilliseconds) + (2 * silence);
        var cycleWire = Devices * transactionWire;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"wire time: {requestBytes}+{replyBytes} bytes × {characterMilliseconds:F4} ms + 2 × {silence:F3} ms silence = {transactionWire:F3} ms per transaction, {cycleWire:F1} ms per cycle of {Devices}"));

        string Over(double milliseconds) =>
            string.Create(CultureInfo.InvariantCulture, $"{100 * (milliseconds - cycleWire) / cycleWire:F1} % over the wire time");

        for (var round = 1; round <= 3; round++)
        {
            var line = new PacedRtuLine(BaudRate, bitsPerCharacter, Devices);
            await using var bus = new ModbusRtuBus(
                new ModbusRtuBusOptions { PortName = "/dev/paced", BaudRate = BaudRate, FrameSilence = NoiseSilence },
                TimeProvider.System,
                NullLogger.Instance,
                _ => ValueTask.FromResult<Stream>(line));
            var clients = Enumerable.Range(1, Devices)
                .Select(unit => bus.CreateClient($"dev{unit}", ModbusPollPriority.Normal, TimeSpan.FromSeconds(1), retries: 0))
                .ToList();

            await CycleAsync(clients, cancellationToken); // warm-up: opens the line and JIT-compiles the path
            line.ResetSilences();
            var started = Stopwatch.GetTimestamp();
            for (var cycle = 0; cycle < Cycles; cycle++)
            {
                await CycleAsync(clients, cancellationToken);
            }

            var achieved = Stopwatch.GetElapsedTime(started).TotalMilliseconds / Cycles;
            var busSilence = Silences(line);
            var (raw, rawSilence) = await RawCycleMillisecondsAsync(bitsPerCharacter, silence, fullSilence: false, cancellationToken);
            var (full, fullSilence) = await RawCycleMillisecondsAsync(bitsPerCharacter, silence, fullSilence: true, cancellationToken);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"round {round}: ModbusRtuBus {achieved:F1} ms per cycle ({Over(achieved)}; {busSilence}), raw client {raw:F1} ms ({Over(raw)}; {rawSilence}), raw client with the full silence {full:F1} ms ({Over(full)}; {fullSilence}), {LoadAverage.Read()}"));
        }
    }

    /// <summary>Silence before the requests on <paramref name="line"/>: its mean, and how many were shorter than 3.5 characters.</summary>
    private static string Silences(PacedRtuLine line) => string.Create(
        CultureInfo.InvariantCulture,
        $"silence before a request {line.MeanSilenceMilliseconds:F3} ms, {line.ShortSilences} of {line.SilencesMeasured} short");

    /// <summary>
    /// The same cycle from a minimal client on its own paced line: fixed requests, a read until the 25 reply bytes are
    /// in, and the 3.5-character silence before the next request, with no checks. It shows what the machine's timers
    /// and scheduler allow at the moment of the run. The silence is one
    /// <see cref="Task.Delay(TimeSpan, CancellationToken)"/>. With <paramref name="fullSilence"/> it is timed on
    /// <see cref="Stopwatch"/> instead, with another delay for what is left when one ends early, as the bus's gap timer
    /// does. The system timer counts whole milliseconds, so a single delay of 3.646 ms often ends after 3 ms or less,
    /// which the 3.5-character silence does not allow.
    /// </summary>
    private static async Task<(double Milliseconds, string Silences)> RawCycleMillisecondsAsync(
        int bitsPerCharacter, double silenceMilliseconds, bool fullSilence, CancellationToken cancellationToken)
    {
        await using var line = new PacedRtuLine(BaudRate, bitsPerCharacter, Devices);
        var requests = Enumerable.Range(1, Devices).Select(unit => RequestFrame((byte)unit)).ToList();
        var reply = new byte[5 + (2 * Registers)];
        var silence = TimeSpan.FromMilliseconds(silenceMilliseconds);
        var started = Stopwatch.GetTimestamp();
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            foreach (var request in requests)
            {
                line.Write(request);
                var received = 0;
                while (received < reply.Length)
                {
                    received += await line.ReadAsync(reply.AsMemory(received), cancellationToken);
                }

                if (fullSilence)
                {
                    await WaitAtLeastAsync(silence, cancellationToken);
                }
                else
                {
                    await Task.Delay(silence, cancellationToken);
                }
            }
        }

        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds / Cycles, Silences(line));
    }

    private static async Task WaitAtLeastAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var remaining = delay;
        while (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken);
            remaining = delay - Stopwatch.GetElapsedTime(started);
        }
    }

    private static byte[] RequestFrame(byte unit)
    {
        var frame = new byte[8];
        frame[0] = unit;
        frame[1] = 3;
        frame[5] = Registers;
        ModbusCrc.Write(frame.AsSpan(0, 6), frame.AsSpan(6));
        return frame;
    }

    private static async Task CycleAsync(List<ModbusRtuClient> clients, CancellationToken cancellationToken)
    {
        var reads = clients.Select((client, index) => client.ReadHoldingRegistersAsync((byte)(index + 1), 0, Registers, cancellationToken));
        var results = await Task.WhenAll(reads);
        if (results.Any(registers => registers.Length != Registers || registers[Registers - 1] != Registers - 1))
        {
            throw new InvalidOperationException("A device returned wrong registers.");
        }
    }
}
