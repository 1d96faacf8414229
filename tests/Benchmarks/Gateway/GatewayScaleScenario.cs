using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SmartCampus.Edge.Benchmarks.Modbus;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Benchmarks.Gateway;

/// <summary>
/// The published single-file gateway on a large school: 400 Modbus TCP devices behind 8 pymodbus servers and 100 MQTT
/// sensors, 20 points each (10,000 points), all read every 5 s. A real Mosquitto is the district broker, and an
/// operator has the devices page open (server-sent events over HTTPS). It prints the time from start to READY=1 on a
/// notify socket, then, after a warm-up, samples the gateway process only (VmRSS from /proc/&lt;pid&gt;/status, utime +
/// stime from /proc/&lt;pid&gt;/stat) every 5 s. Environment: SMARTCAMPUS_EDGE_BINARY (default
/// artifacts/publish/linux-x64/smartcampus-edge), SMARTCAMPUS_BENCH_SECONDS (sampling window, default 300),
/// SMARTCAMPUS_BENCH_WARMUP_SECONDS (default 60), SMARTCAMPUS_BENCH_FULL_HISTORY (see below). Other DOTNET_ variables
/// pass through to the gateway, for profiling. At the end it prints the gateway's RSS per kind of mapping from
/// /proc/&lt;pid&gt;/smaps.
/// With SMARTCAMPUS_BENCH_FULL_HISTORY=1 the console keeps 12 min at one value per 2 s. That is the same 360 values per
/// point as the default 6 h at 1 min, and the warm-up lasts until the history is full, so RSS is that of a gateway
/// that has run for 6 h. The console's recorder then copies the point table every 2 s instead of every minute, which
/// adds CPU and large-object garbage.
/// </summary>
public sealed partial class GatewayScaleScenario : IScenario
{
    private const double TicksPerSecond = 100.0;
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(5);

    public string Name => "gateway-scale";

    public string Description => "Published gateway, 500 devices and 10,000 points every 5 s (pymodbus and MQTT), console open: READY, RSS, CPU";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var binary = Environment.GetEnvironmentVariable("SMARTCAMPUS_EDGE_BINARY") ?? Path.GetFullPath("artifacts/publish/linux-x64/smartcampus-edge");
        var seconds = Setting("SMARTCAMPUS_BENCH_SECONDS", 300);
        var warmUp = Setting("SMARTCAMPUS_BENCH_WARMUP_SECONDS", 60);
        var fullHistory = Setting("SMARTCAMPUS_BENCH_FULL_HISTORY", 0) == 1;
        var campus = fullHistory ? new ScaleCampus { History = ("12m", "2s") } : new ScaleCampus();
        if (fullHistory)
        {
            // 360 slots of 2 s fill in 12 min; the extra 30 s let the last slot's value arrive.
            warmUp = Math.Max(warmUp, (12 * 60) + 30);
        }

        var directory = Directory.CreateTempSubdirectory("smartcampus-scale-").FullName;
        try
        {
            await using var district = await MosquittoBroker.StartAsync(cancellationToken: cancellationToken);
            await using var modbus = await ScaleModbusPeers.StartAsync(campus, cancellationToken);
            var campusPort = LoopbackPort.Free();
            var consolePort = LoopbackPort.Free();
            var configuration = Path.Combine(directory, "campus.yaml");
            await File.WriteAllTextAsync(configuration, campus.Yaml(modbus.Ports, campusPort, district.Port, consolePort), cancellationToken);
            output.WriteLine($"console history: {(fullHistory ? "12 min at 2 s (full after the warm-up)" : "defaults, 6 h at 1 min (not full in this run)")}");
            output.WriteLine($"campus: {campus.ModbusServers * campus.UnitsPerServer} Modbus TCP devices on {campus.ModbusServers} pymodbus servers, {campus.Sensors} MQTT sensors, {campus.Points} points, every {ScaleCampus.Period.TotalSeconds:0} s");

            var socketPath = Path.Combine(directory, "notify.sock");
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(socketPath));

            var setupCode = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            output.WriteLine($"binary {binary} ({new FileInfo(binary).Length / (1024 * 1024)} MB), {LoadAverage.Read()}");
            var started = Stopwatch.StartNew();
            using var process = PublishedGatewayScenario.Start(binary, configuration, socketPath, directory, line =>
            {
                if (SetupCodePattern().Match(line) is { Success: true } match)
                {
                    setupCode.TrySetResult(match.Groups[1].Value);
                }
            });
            await PublishedGatewayScenario.WaitForReadyAsync(socket, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"start to READY=1: {started.Elapsed.TotalMilliseconds:0} ms, {LoadAverage.Read()}"));

            await using var sensors = new ScaleSensorPublishers();
            await sensors.StartAsync(campus, campusPort, cancellationToken);
            await using var console = new ConsoleEventClient(consolePort);
            await console.OpenAsync(await setupCode.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken), cancellationToken);
            output.WriteLine($"peers up and devices page open after {started.Elapsed.TotalSeconds:0} s; warm-up {warmUp} s");

            await Task.Delay(TimeSpan.FromSeconds(warmUp), cancellationToken);
            var updatesBefore = console.Updates;
            var publishedBefore = sensors.Published;
            var window = await SampleAsync(process.Id, TimeSpan.FromSeconds(seconds), cancellationToken);

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                over {window.Seconds:0} s after the warm-up, gateway process only ({window.Rss.Count} samples every {SampleInterval.TotalSeconds:0} s):
                  RSS p50 {Percentile(window.Rss, 0.5) / 1024.0:0.0} MB, max {window.Rss.Max() / 1024.0:0.0} MB, min {window.Rss.Min() / 1024.0:0.0} MB
                  CPU {window.CpuSeconds:0.00} s = {100 * window.CpuSeconds / window.Seconds:0.00} % of one core; per 5 s interval p50 {Percentile(window.CpuPercent, 0.5):0.0} %, max {window.CpuPercent.Max():0.0} %
                  devices page: {console.DistinctPoints} distinct points seen, {(console.Updates - updatesBefore) / window.Seconds:0} point updates/s, {console.Bytes / 1024} KiB read in all
                  MQTT sensors: {(sensors.Published - publishedBefore) / window.Seconds:0.0} messages/s published, {sensors.Failed} failed
                  {LoadAverage.Read()}
                """));
            output.WriteLine(await RuntimeFiguresAsync(consolePort, cancellationToken));
            output.WriteLine(RssByMapping.Describe(process.Id));

            process.Kill();
            await process.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<SampleWindow> SampleAsync(int processId, TimeSpan duration, CancellationToken cancellationToken)
    {
        var window = new SampleWindow();
        var clock = Stopwatch.StartNew();
        var firstTicks = PublishedGatewayScenario.CpuTicks(processId);
        var lastTicks = firstTicks;
        var last = clock.Elapsed;
        while (clock.Elapsed < duration)
        {
            await Task.Delay(SampleInterval, cancellationToken);
            var ticks = PublishedGatewayScenario.CpuTicks(processId);
            var now = clock.Elapsed;
            window.Rss.Add(PublishedGatewayScenario.RssKilobytes(processId));
            window.CpuPercent.Add(100 * (ticks - lastTicks) / TicksPerSecond / (now - last).TotalSeconds);
            lastTicks = ticks;
            last = now;
        }

        window.Seconds = clock.Elapsed.TotalSeconds;
        window.CpuSeconds = (lastTicks - firstTicks) / TicksPerSecond;
        return window;
    }

    /// <summary>The runtime's GC figures from the console's /metrics, which a memory goal is read against.</summary>
    private static async Task<string> RuntimeFiguresAsync(int consolePort, CancellationToken cancellationToken)
    {
        // The gateway's own self-signed console certificate, made at its first start (see ConsoleEventClient).
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.Subject == certificate.Issuer };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        var text = await http.GetStringAsync(new Uri($"https://127.0.0.1:{consolePort}/metrics"), cancellationToken);
        var lines = text.Split('\n').Where(line =>
            line.StartsWith("dotnet_gc_last_collection_heap_size", StringComparison.Ordinal)
            || line.StartsWith("dotnet_gc_last_collection_memory_committed", StringComparison.Ordinal)
            || line.StartsWith("dotnet_gc_heap_total_allocated", StringComparison.Ordinal)
            || line.StartsWith("dotnet_gc_collections", StringComparison.Ordinal)
            || line.StartsWith("dotnet_gc_pause_time", StringComparison.Ordinal)
            || line.StartsWith("dotnet_process_cpu_time", StringComparison.Ordinal)
            || line.StartsWith("dotnet_thread_pool_thread_count", StringComparison.Ordinal));
        return "runtime at the end (from /metrics):\n  " + string.Join("\n  ", lines);
    }

    private static double Percentile(List<long> values, double share) => Percentile(values.Select(value => (double)value).ToList(), share);

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Round(share * (sorted.Count - 1)), 0, sorted.Count - 1)];
    }

    private static int Setting(string name, int fallback) =>
        int.Parse(Environment.GetEnvironmentVariable(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"One-time setup code: ([0-9-]+)\.")]
    private static partial Regex SetupCodePattern();

    private sealed class SampleWindow
    {
        public List<long> Rss { get; } = [];

        public List<double> CpuPercent { get; } = [];

        public double Seconds { get; set; }

        public double CpuSeconds { get; set; }
    }
}
