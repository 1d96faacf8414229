using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;
using SmartCampus.Edge.Reliability.Tests.Support;

namespace SmartCampus.Edge.Reliability.Tests.Soak;

/// <summary>
/// The short soak: tools/soak.sh for one minute on a small campus with this build of the gateway, then the sampled
/// series must be flat. A minute still contains warm-up (JIT, pools, the first LiteDB checkpoint), so the bound is
/// wider than the long run's goal of 5 %; a leak of the size that takes a gateway down in days exceeds it. The
/// console is on, so the run also reads the runtime's GC heap size from /metrics.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Largest growth of the last third over the middle third of the minute, in percent.</summary>
    private const double RssTolerancePercent = 25;
    private const double HandleTolerancePercent = 25;

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-soak-").FullName;

    [Fact]
    public async Task OneMinute_MemoryAndHandlesFlat()
    {
        var script = Path.Combine(RepositoryRoot(), "tools", "soak.sh");
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { script, "20", "200", "5", "2", "1", "5", _directory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SOAK_GATEWAY_DLL"] = GatewayProcess.Assembly;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        var text = await stdout + await stderr;
        output.WriteLine(text);
        Assert.True(process.ExitCode == 0, $"tools/soak.sh failed with exit code {process.ExitCode}:\n{text}");

        var rows = File.ReadAllLines(Path.Combine(_directory, "samples.csv")).Skip(1)
            .Select(line => line.Split(',').Select(value => double.Parse(value, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.True(rows.Count >= 8, $"Only {rows.Count} samples in a minute.");
        Assert.True(rows[^1][6] > 0, "The soak read no managed heap size from the console's /metrics (column gc_heap_kib).");
        var rss = Growth(rows, 1);
        var handles = Growth(rows, 2);
        Assert.True(rss <= RssTolerancePercent, $"RSS grew {rss:F1} % from the middle to the last third of the minute.");
        Assert.True(handles <= HandleTolerancePercent, $"Open handles grew {handles:F1} % from the middle to the last third of the minute.");
        Report.Append(string.Create(CultureInfo.InvariantCulture, $"soak-short: samples={rows.Count} rss-growth={rss:F1}% handle-growth={handles:F1}%"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Mean of the last third against the mean of the middle third, in percent.</summary>
    internal static double Growth(IReadOnlyList<double[]> rows, int column)
    {
        var third = rows.Count / 3;
        var middle = rows.Skip(third).Take(third).Average(row => row[column]);
        var last = rows.Skip(2 * third).Average(row => row[column]);
        return 100 * (last - middle) / middle;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmartCampus.Edge.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No SmartCampus.Edge.sln above {AppContext.BaseDirectory}.");
    }
}
