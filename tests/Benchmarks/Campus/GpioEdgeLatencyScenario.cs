using System.Device.Gpio;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Gpio;

namespace SmartCampus.Edge.Benchmarks.Campus;

/// <summary>Edge on the simulated GPIO driver to the sample arriving at the sink, debounce 0, one edge at a time.</summary>
public sealed class GpioEdgeLatencyScenario : IScenario
{
    private const int Edges = 5_000;
    private const int Pin = 5;

    public string Name => "gpio-edge-latency";

    public string Description => $"{Edges} edges on the simulated driver → sample at the sink (debounce 0): p50, p99";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var handle = GpioControllerFactory.Create(GpioDriverKind.Simulated);
        var simulator = handle.Simulator!;
        var options = new GpioDeviceOptions
        {
            DeviceId = "panel",
            Points = [new GpioPointOptions { Name = "smoke", Direction = GpioDirection.Input, Pin = Pin, Debounce = TimeSpan.Zero }],
        };
        await using var device = new GpioDevice(options, handle.Controller, new GatewayClock(TimeProvider.System, "bench"), NullLogger<GpioDevice>.Instance);
        var sink = new CountingSink();
        using var stop = new CancellationTokenSource();
        var run = device.RunAsync(sink, stop.Token);
        await WaitForAsync(() => sink.Samples >= 1, cancellationToken);

        var latencies = new double[Edges];
        var level = false;
        for (var i = 0; i < Edges; i++)
        {
            var before = sink.Samples;
            level = !level;
            var started = Stopwatch.GetTimestamp();
            simulator.SetInputLevel(Pin, level ? PinValue.High : PinValue.Low);
            while (sink.Samples == before)
            {
                Thread.SpinWait(20);
            }

            latencies[i] = Stopwatch.GetElapsedTime(started, sink.LastTimestamp).TotalMicroseconds;
        }

        Array.Sort(latencies);
        var load = string.Join(' ', (await File.ReadAllTextAsync("/proc/loadavg", cancellationToken)).Split(' ').Take(3));
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"edges {Edges}: p50 {latencies[Edges / 2]:F1} µs, p99 {latencies[(int)(Edges * 0.99)]:F1} µs, max {latencies[^1]:F1} µs; load {load}"));
        await stop.CancelAsync();
        await run;
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(5, cancellationToken);
        }
    }
}
