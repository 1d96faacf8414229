using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using SmartCampus.Edge.Reliability.Tests.Support;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Reliability.Tests.PowerCut;

/// <summary>
/// Power cuts that lose what was not fsynced, in process: the outbox runs on a <see cref="SimulatedDisk"/>, the power
/// goes at a random file operation during ingest, drain or compaction, the disk keeps only what was fsynced (and, by
/// <see cref="CutMode"/>, part of the rest), and the outbox is opened again from that. After each cut the database
/// must open as it is, every acknowledged record must be there unchanged, no acknowledged delete may come back, and
/// no acknowledged sequence may be handed out again.
/// </summary>
/// <remarks>
/// The suite runs 200 cuts in all four modes and 100 with the log scattered; tools/powercut.sh sets
/// SMARTCAMPUS_POWERCUT_DISK_CUTS for thousands.
/// </remarks>
public sealed class DiskCutTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Phases = ["ingest", "drain", "compact"];

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-diskcut-").FullName;

    [Fact]
    public async Task RandomCuts_KeepEveryAcknowledgedRecord()
    {
        var cuts = int.Parse(Environment.GetEnvironmentVariable("SMARTCAMPUS_POWERCUT_DISK_CUTS") ?? "200", CultureInfo.InvariantCulture);

        // SMARTCAMPUS_POWERCUT_SCATTER_LOG=1 puts every cut in the log-scatter mode instead of the rotation of all four.
        CutMode[] modes = Environment.GetEnvironmentVariable("SMARTCAMPUS_POWERCUT_SCATTER_LOG") == "1"
            ? [CutMode.ScatterLog]
            : [CutMode.DropAll, CutMode.TornTail, CutMode.Scatter, CutMode.ScatterLog];
        await RunCutsAsync(cuts, modes);
    }

    /// <summary>
    /// Every cut comes at an fsync of the log or of its manifest, when a commit's pages are all still in the page
    /// cache, and scatters them. LiteDB alone replays a transaction whose commit page reached the disk but an earlier
    /// page did not. The outbox's log manifest must cut such a transaction off.
    /// </summary>
    [Fact]
    public async Task ScatteredLog_OpensAfterEveryCut() => await RunCutsAsync(cuts: 100, [CutMode.ScatterLog], cutOnlyAtLogFsync: true);

    private async Task RunCutsAsync(int cuts, CutMode[] cutModes, bool cutOnlyAtLogFsync = false)
    {
        var seed = int.Parse(Environment.GetEnvironmentVariable("SMARTCAMPUS_POWERCUT_SEED") ?? Random.Shared.Next(1_000_000).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var random = new Random(seed);
        var ledger = new OutboxLedger();
        var cutAt = new Dictionary<string, int>(StringComparer.Ordinal);
        var modes = new Dictionary<CutMode, int>();
        var keptWrites = 0L;
        var operations = 0L;
        var started = TimeProvider.System.GetTimestamp();
        var previousMode = CutMode.DropAll;
        var previousCut = "none";
        var previousTrace = string.Empty;

        var folder = Path.Combine(_directory, "0");
        Directory.CreateDirectory(folder);
        for (var cut = 1; cut <= cuts; cut++)
        {
            var phase = Phases[cut % Phases.Length];
            var mode = cutModes[cut / Phases.Length % cutModes.Length];
            using var disk = new SimulatedDisk();
            var store = Open(folder, disk);
            var problems = ledger.Check(store);
            Assert.True(
                store.Recovery is null && problems.Count == 0,
                $"After cut {cut - 1} ({previousMode} at {previousCut}, seed {seed}): {store.Recovery?.FormatMessage()} {string.Join("; ", problems.Take(10))}\nOperations up to that cut: {previousTrace}");

            var opened = disk.Operations;
            disk.CutAtOperation(opened + random.Next(1, 400), cutOnlyAtLogFsync ? "fsync" : null, "-log");
            var workload = new Workload(store, disk, ledger, random);
            var running = workload.RunAsync(phase, appendsPerLane: 40);
            while (!running.IsCompleted && !disk.IsCut)
            {
                await Task.Delay(1);
            }

            // The power goes now if the chosen operation did not come. Acknowledgements of fsyncs done before it may
            // still be on their way to the ledger, and later ones cannot exist because the outbox is frozen.
            disk.CutNow();
            await Task.Delay(15);
            ledger.Seal();
            Assert.True(
                workload.Failures.Count == 0,
                $"Cut {cut} ({phase}, seed {seed}, after a {previousMode} cut at {previousCut}): the outbox failed before the power went: {workload.Failures.FirstOrDefault()}");

            var next = Path.Combine(_directory, cut.ToString(CultureInfo.InvariantCulture));
            var (kept, unflushedCloses) = disk.RestoreTo(folder, next, mode, random);
            disk.Release();
            await running.WaitAsync(TimeSpan.FromSeconds(30));
            operations += disk.Operations - opened;
            store.Dispose();
            Directory.Delete(folder, recursive: true);
            folder = next;

            Assert.True(unflushedCloses == 0, $"Cut {cut} (seed {seed}): {unflushedCloses} outbox files were closed with writes that were never fsynced.");
            keptWrites += kept;
            var where = disk.CutOperation is { } operation ? $"{phase}: {operation}" : $"{phase}: between operations";
            cutAt[where] = cutAt.GetValueOrDefault(where) + 1;
            modes[mode] = modes.GetValueOrDefault(mode) + 1;
            previousMode = mode;
            previousCut = where;
            previousTrace = disk.Trace;
        }

        using var lastDisk = new SimulatedDisk();
        var last = Open(folder, lastDisk);
        var finalProblems = ledger.Check(last);
        Assert.True(last.Recovery is null, $"After the last cut (seed {seed}) the outbox was moved aside: {last.Recovery?.FormatMessage()}");
        Assert.True(finalProblems.Count == 0, $"After the last cut (seed {seed}): {string.Join("; ", finalProblems.Take(10))}");
        last.Dispose();

        var elapsed = TimeProvider.System.GetElapsedTime(started);
        foreach (var (where, count) in cutAt.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {where}: {count}");
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"disk-cut: cuts={cuts} seed={seed} modes={string.Join('/', modes.Select(m => $"{m.Key}:{m.Value}"))} opened={cuts}/{cuts} appends-acknowledged={ledger.AcknowledgedAppends} deletes-acknowledged={ledger.AcknowledgedDeletes} records-checked={ledger.RecordsChecked} file-operations={operations} unflushed-kept={keptWrites} lost=0 resurrected=0 elapsed-s={elapsed.TotalSeconds:F1}");
        output.WriteLine(summary);
        Report.Append(summary);
        Report.Append("disk-cut points: " + string.Join(", ", cutAt.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static OutboxStore Open(string folder, SimulatedDisk disk) => new(
        new OutboxOptions
        {
            DatabasePath = Path.Combine(folder, "outbox.db"),
            OpenFile = disk.Open,

            // Few pages per checkpoint, so that cuts also hit checkpoints and log truncations.
            CheckpointPages = int.Parse(Environment.GetEnvironmentVariable("SMARTCAMPUS_POWERCUT_CHECKPOINT_PAGES") ?? "4", CultureInfo.InvariantCulture),
            TelemetryCommitWindow = TimeSpan.FromMilliseconds(2),
            CompactionInterval = TimeSpan.Zero,
            CompactionMinFreeBytes = 0,
        },
        TimeProvider.System,
        NullLogger<OutboxStore>.Instance);
}
