using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using SmartCampus.Edge.Benchmarks.Modbus;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Benchmarks.Gateway;

/// <summary>
/// The published single-file gateway on the demo campus, as a process: time from start to READY=1 on a
/// notify socket, then resident memory (VmRSS) and CPU time from /proc every 5 s. The district broker is a real
/// Mosquitto started here; the demo's Modbus sensor and GPIO panel are simulated inside the gateway. The demo's
/// ports are replaced by free ones. Environment: SMARTCAMPUS_EDGE_BINARY (default
/// artifacts/publish/linux-x64/smartcampus-edge), SMARTCAMPUS_BENCH_SECONDS (default 180).
/// </summary>
public sealed class PublishedGatewayScenario : IScenario
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(5);

    public string Name => "gateway-process";

    public string Description => "Published gateway on the demo campus: start-up to READY, RSS and CPU over minutes";

    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var binary = Environment.GetEnvironmentVariable("SMARTCAMPUS_EDGE_BINARY") ?? Path.GetFullPath("artifacts/publish/linux-x64/smartcampus-edge");
        var seconds = int.Parse(Environment.GetEnvironmentVariable("SMARTCAMPUS_BENCH_SECONDS") ?? "180", CultureInfo.InvariantCulture);
        var directory = Directory.CreateTempSubdirectory("smartcampus-bench-").FullName;
        try
        {
            await using var district = await MosquittoBroker.StartAsync(cancellationToken: cancellationToken);
            var configuration = Path.Combine(directory, "campus.yaml");
            await File.WriteAllTextAsync(configuration, DemoWithFreePorts(district.Port), cancellationToken);

            var socketPath = Path.Combine(directory, "notify.sock");
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(socketPath));

            output.WriteLine($"binary {binary} ({new FileInfo(binary).Length / (1024 * 1024)} MB), {LoadAverage.Read()}");
            var started = Stopwatch.StartNew();
            using var process = Start(binary, configuration, socketPath, directory);
            await WaitForReadyAsync(socket, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"start to READY=1: {started.Elapsed.TotalMilliseconds:0} ms, {LoadAverage.Read()}"));

            await SampleAsync(process, TimeSpan.FromSeconds(seconds), output, cancellationToken);

            process.Kill();
            await process.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task SampleAsync(Process process, TimeSpan duration, TextWriter output, CancellationToken cancellationToken)
    {
        // USER_HZ, the unit of utime and stime in /proc/<pid>/stat: 100 on Linux for x86 and arm (sysconf(_SC_CLK_TCK)).
        const double ticksPerSecond = 100.0;
        var rss = new List<long>();
        var window = Stopwatch.StartNew();
        var cpuAtStart = CpuTicks(process.Id);

        while (window.Elapsed < duration)
        {
            await Task.Delay(SampleInterval, cancellationToken);
            rss.Add(RssKilobytes(process.Id));
        }

        var cpuSeconds = (CpuTicks(process.Id) - cpuAtStart) / ticksPerSecond;
        var cpuPercent = 100 * cpuSeconds / window.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"over {window.Elapsed.TotalSeconds:0} s: RSS min {rss.Min() / 1024.0:0.0} MB, mean {rss.Average() / 1024.0:0.0} MB, max {rss.Max() / 1024.0:0.0} MB; CPU {cpuSeconds:0.00} s = {cpuPercent:0.00} % of one core; {LoadAverage.Read()}"));
    }

    /// <summary>Starts the gateway as systemd would; each line it writes goes to <paramref name="onOutput"/> when given.</summary>
    internal static Process Start(string binary, string configuration, string socketPath, string directory, Action<string>? onOutput = null)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configuration);
        start.Environment["NOTIFY_SOCKET"] = socketPath;
        start.Environment["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = Path.Combine(directory, "bundle");
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start.");

        // Drain the console output so that the pipe never blocks the gateway.
        process.OutputDataReceived += (_, line) => { if (line.Data is { } text) { onOutput?.Invoke(text); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { } text) { onOutput?.Invoke(text); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitForReadyAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        while (true)
        {
            var length = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (Encoding.UTF8.GetString(buffer, 0, length).StartsWith("READY=1", StringComparison.Ordinal))
            {
                return;
            }
        }
    }

    private static string DemoWithFreePorts(int districtPort)
    {
        var demo = File.ReadAllText(Path.GetFullPath("hardware/demo/campus.yaml"));
        var sensorPort = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
        return demo
            .Replace("port: 18830", $"port: {LoopbackPort.Free()}", StringComparison.Ordinal)
            .Replace("port: 1883\n", $"port: {districtPort}\n", StringComparison.Ordinal)
            .Replace("port: 15020", $"port: {sensorPort}", StringComparison.Ordinal);
    }

    internal static long RssKilobytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(text => text.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>utime + stime of the process, fields 14 and 15 of /proc/&lt;pid&gt;/stat (proc(5)), in USER_HZ ticks.</summary>
    internal static long CpuTicks(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
