using System.Device.Gpio;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Gpio;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Benchmarks.Campus;

/// <summary>
/// Smoke edge on the simulated GPIO driver to the rule engine's siren command, in process: the debounced device
/// (debounce 0), its forwarding task and <see cref="RuleEngine.Evaluate"/> of an input rule with a set-output
/// action. Only rising edges raise the alarm, so only they are timed; falling edges clear it.
/// </summary>
public sealed class GpioRuleLatencyScenario : IScenario
{
    private const int Raises = 5_000;
    private const int Pin = 5;

    public string Name => "gpio-rule-latency";

    public string Description => $"{Raises} smoke edges on the simulated driver → siren command from the rule engine: p50, p99";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var handle = GpioControllerFactory.Create(GpioDriverKind.Simulated);
        var simulator = handle.Simulator!;
        var options = new GpioDeviceOptions
        {
            DeviceId = "panel",
            Points = [new GpioPointOptions { Name = "smoke", Direction = GpioDirection.Input, Pin = Pin, Debounce = TimeSpan.Zero }],
        };
        var rule = new InputRuleDefinition("fire", new PointId("panel", "smoke"), activeLevel: true, AlarmSeverity.Critical, [new SetOutputAction(new PointId("panel", "siren"), value: true)]);
        var sink = new RuleSink(new RuleEngine([rule], TimeProvider.System));
        await using var device = new GpioDevice(options, handle.Controller, new GatewayClock(TimeProvider.System, "bench"), NullLogger<GpioDevice>.Instance);
        using var stop = new CancellationTokenSource();
        var run = device.RunAsync(sink, stop.Token);
        while (sink.Samples < 1)
        {
            await Task.Delay(5, cancellationToken);
        }

        var latencies = new double[Raises];
        for (var i = 0; i < Raises; i++)
        {
            var actions = sink.Actions;
            var started = Stopwatch.GetTimestamp();
            simulator.SetInputLevel(Pin, PinValue.High);
            while (sink.Actions == actions)
            {
                Thread.SpinWait(20);
            }

            latencies[i] = Stopwatch.GetElapsedTime(started, sink.LastActionTimestamp).TotalMicroseconds;

            var samples = sink.Samples;
            simulator.SetInputLevel(Pin, PinValue.Low);
            while (sink.Samples == samples)
            {
                Thread.SpinWait(20);
            }
        }

        Array.Sort(latencies);
        var load = string.Join(' ', (await File.ReadAllTextAsync("/proc/loadavg", cancellationToken)).Split(' ').Take(3));
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"raises {Raises}: p50 {latencies[Raises / 2]:F1} µs, p99 {latencies[(int)(Raises * 0.99)]:F1} µs, max {latencies[^1]:F1} µs; load {load}"));
        await stop.CancelAsync();
        await run;
    }

    /// <summary>Feeds every sample to the rule engine and stamps each siren command, as the pipeline does with its rule step.</summary>
    private sealed class RuleSink(RuleEngine engine) : IFieldSink
    {
        private long _samples;
        private long _actions;
        private long _lastActionTimestamp;

        public long Samples => Interlocked.Read(ref _samples);

        public long Actions => Interlocked.Read(ref _actions);

        public long LastActionTimestamp => Interlocked.Read(ref _lastActionTimestamp);

        public ValueTask PublishSampleAsync(Sample sample, CancellationToken cancellationToken)
        {
            var outputs = engine.Evaluate(sample);
            if (outputs.Any(o => o is SetOutputCommand { Value.Boolean: true }))
            {
                Interlocked.Exchange(ref _lastActionTimestamp, Stopwatch.GetTimestamp());
                Interlocked.Increment(ref _actions);
            }

            Interlocked.Increment(ref _samples);
            return ValueTask.CompletedTask;
        }

        public ValueTask PublishEventAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
