using System.Diagnostics;
using System.Globalization;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Actions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Benchmarks.Rules;

/// <summary>
/// Point updates per second through 1,000 active rules (100 classrooms with 10 rules each) on one thread, the latency
/// of an update that changes an alarm, and the memory per rule instance. The baseline in the same run writes the same
/// samples into a plain point table (a dictionary), the least any engine must do per update.
/// </summary>
public sealed class RuleEngineScenario : IScenario
{
    private const int Classrooms = 100;
    private const int Updates = 2_000_000;
    private const int LatencySamples = 20_000;

    private static readonly string[] Quantities = ["co2", "temperature", "humidity", "pm25", "noise"];

    public string Name => "rules-throughput";

    public string Description => "1,000 rules (100 classrooms x 10): updates/s, change-to-action latency, bytes per rule";

    public Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);

        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));
        var bytesPerRule = MeasureMemory(clock);
        var engine = new RuleEngine(CreateRules(), clock);
        var samples = CreateSamples(clock);

        output.WriteLine($"load average before: {LoadAverage()}");
        output.WriteLine($"rules: {engine.Definitions.Count}, memory per rule instance: {bytesPerRule:0} bytes");

        var baseline = RunBaseline(samples);
        var throughput = RunThroughput(engine, samples);
        output.WriteLine($"point table only (baseline): {baseline:0} updates/s");
        output.WriteLine($"rule engine: {throughput:0} updates/s");

        var latencies = MeasureLatency(clock);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"change-to-actions latency over {LatencySamples} raises and clears: p50 {Percentile(latencies, 0.50):0.0} us, p99 {Percentile(latencies, 0.99):0.0} us, max {latencies[^1]:0.0} us"));
        output.WriteLine($"load average after: {LoadAverage()}");
        return Task.CompletedTask;
    }

    // Per classroom: two threshold rules on each of five quantities (a warning and a major level) = 10 rules.
    private static List<RuleDefinition> CreateRules(int classrooms = Classrooms)
    {
        var notice = LocalizedText.Of("en", "Open the windows.");
        var rules = new List<RuleDefinition>(classrooms * 10);
        for (var room = 0; room < classrooms; room++)
        {
            foreach (var quantity in Quantities)
            {
                var point = new PointId($"room{room:000}-air", quantity);
                rules.Add(ThresholdRuleDefinition.Above($"{point}-warn", point, 1000, 900, TimeSpan.FromSeconds(30), AlarmSeverity.Warning, [new NoticeAction($"board-{room:000}", notice, false)]));
                rules.Add(ThresholdRuleDefinition.Above($"{point}-major", point, 1500, 1400, TimeSpan.Zero, AlarmSeverity.Major, [new SetOutputAction(new PointId($"room{room:000}-fan", "relay"), true)]));
            }
        }

        return rules;
    }

    // Values wander below, between and above the limits, so rules start, cancel and complete durations.
    private static Sample[] CreateSamples(TimeProvider clock)
    {
        var random = new Random(42);
        var samples = new Sample[Classrooms * Quantities.Length * 20];
        for (var index = 0; index < samples.Length; index++)
        {
            var point = new PointId($"room{random.Next(Classrooms):000}-air", Quantities[random.Next(Quantities.Length)]);
            var value = random.Next(10) < 8 ? 400 + random.Next(500) : 850 + random.Next(800);
            samples[index] = new Sample(point, PointValue.FromNumber(value), Quality.Good, clock.GetUtcNow(), new MonotonicStamp("bench", TimeSpan.Zero));
        }

        return samples;
    }

    private static double RunBaseline(Sample[] samples)
    {
        var table = new Dictionary<PointId, PointValue>();
        var stopwatch = Stopwatch.StartNew();
        for (var index = 0; index < Updates; index++)
        {
            var sample = samples[index % samples.Length];
            table[sample.Point] = sample.Value;
        }

        return Updates / stopwatch.Elapsed.TotalSeconds;
    }

    private static double RunThroughput(RuleEngine engine, Sample[] samples)
    {
        var outputs = 0L;
        for (var index = 0; index < samples.Length; index++)
        {
            outputs += engine.Evaluate(samples[index]).Count;
        }

        var stopwatch = Stopwatch.StartNew();
        for (var index = 0; index < Updates; index++)
        {
            outputs += engine.Evaluate(samples[index % samples.Length]).Count;
        }

        var rate = Updates / stopwatch.Elapsed.TotalSeconds;
        GC.KeepAlive(outputs);
        return rate;
    }

    // Each measured update flips one point across both limits, so every call raises or clears and returns actions.
    private static double[] MeasureLatency(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        var engine = new RuleEngine(CreateRules(), clock);
        var latencies = new double[LatencySamples];
        var point = new PointId("room050-air", "co2");
        var high = new Sample(point, PointValue.FromNumber(1600), Quality.Good, clock.GetUtcNow(), new MonotonicStamp("bench", TimeSpan.Zero));
        var low = high with { Value = PointValue.FromNumber(500) };
        for (var index = 0; index < LatencySamples; index++)
        {
            var start = Stopwatch.GetTimestamp();
            var outputs = engine.Evaluate(index % 2 == 0 ? high : low);
            latencies[index] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (outputs.Count == 0)
            {
                throw new InvalidOperationException("A latency sample produced no actions.");
            }
        }

        Array.Sort(latencies);
        return latencies;
    }

    private static double MeasureMemory(TimeProvider clock)
    {
        var rules = CreateRules(classrooms: 1000);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var engine = new RuleEngine(rules, clock);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(engine);
        return (after - before) / (double)rules.Count;
    }

    private static double Percentile(double[] sorted, double fraction) => sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(sorted.Length * fraction))];

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
