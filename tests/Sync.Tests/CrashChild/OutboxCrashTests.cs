using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Tests.Support;
using SmartCampus.Edge.TestPeers;
using Xunit.Abstractions;

namespace SmartCampus.Edge.Sync.Tests.CrashChild;

/// <summary>
/// SIGKILLs a real process that owns the outbox, while it ingests and while it drains to a real Mosquitto, and
/// checks after each kill that the database opens cleanly and that every record the process reported as accepted
/// is still stored or reached the district.
/// </summary>
public sealed class OutboxCrashTests(ITestOutputHelper output)
{
    /// <summary>Kills per crash-loop run; tests/Sync.Tests/crash-loop.sh sets more through SYNC_CRASH_ROUNDS for the benchmark page.</summary>
    private static readonly int Rounds =
        int.TryParse(Environment.GetEnvironmentVariable("SYNC_CRASH_ROUNDS"), System.Globalization.CultureInfo.InvariantCulture, out var rounds) && rounds > 0 ? rounds : 20;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly string Topics = $"district/{Program.School}/{Program.Gateway}/#";

    [Fact]
    public async Task CrashLoop_AcceptedRecordsKept()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await DistrictSubscriber.StartAsync(broker.Host, broker.Port, Topics);
        using var directory = new TempDirectory();
        var databasePath = directory.File("outbox.db");

        var random = new Random(20261204);
        var accepted = new Dictionary<long, OutboxLane>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var cleanOpens = 0;
        var compactions = 0;

        for (var round = 0; round < Rounds; round++)
        {
            // Even rounds only ingest; odd rounds ingest and drain to the broker at the same time.
            var drain = round % 2 == 1;
            using (var child = CrashChildProcess.Start(databasePath, produce: true, drain ? broker.Port : null))
            {
                await child.WaitReadyAsync(StartTimeout);
                await child.WaitAcceptedAsync(random.Next(1, 200), StartTimeout);
                await Task.Delay(random.Next(0, 150));
                child.Kill();
                compactions += child.Compactions;

                foreach (var (lane, sequence) in child.Accepted)
                {
                    // A sequence handed out twice would let the district discard a new record as a duplicate.
                    Assert.True(accepted.TryAdd(sequence, lane), $"round {round}: sequence {sequence} was accepted twice");
                }
            }

            var stored = ReadStored(databasePath, round);
            cleanOpens++;
            var missing = accepted.Where(pair => !stored.Contains(pair.Key)).Select(pair => pair.Key).ToHashSet();
            await subscriber.WaitUntilAsync(
                received => missing.IsSubsetOf(AllReceived(received)),
                $"round {round}: {missing.Count} accepted records that are neither stored nor delivered");
        }

        // A last child drains everything that is left: every accepted record reaches the district.
        using (var child = CrashChildProcess.Start(databasePath, produce: false, broker.Port))
        {
            await child.WaitReadyAsync(StartTimeout);
            await subscriber.WaitUntilAsync(
                received => accepted.Keys.ToHashSet().IsSubsetOf(AllReceived(received)),
                $"all {accepted.Count} accepted records", TimeSpan.FromSeconds(60));
        }

        Assert.True(accepted.Count > Rounds, $"only {accepted.Count} records were accepted in {Rounds} rounds");
        Assert.Contains(accepted.Values, lane => lane == OutboxLane.Alarms);
        output.WriteLine(
            $"crash loop: {Rounds} SIGKILLs, {cleanOpens} clean opens, {compactions} compactions finished, {accepted.Count} accepted records " +
            $"({accepted.Values.Count(lane => lane == OutboxLane.Alarms)} alarms), all delivered, {started.Elapsed.TotalSeconds:F0} s");
    }

    [Fact]
    public async Task RestartWhileOffline_DeliveredInLaneOrder()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = true });
        await using var subscriber = await DistrictSubscriber.StartAsync(broker.Host, broker.Port, Topics);
        using var directory = new TempDirectory();
        var databasePath = directory.File("outbox.db");

        // The graceful stop saves the subscriber's session, so the broker queues for it after the restart.
        await broker.StopAsync(graceful: true);

        List<(OutboxLane Lane, long Sequence)> accepted;
        using (var child = CrashChildProcess.Start(databasePath, produce: true, broker.Port))
        {
            await child.WaitReadyAsync(StartTimeout);
            await child.WaitAcceptedAsync(300, StartTimeout);
            child.Kill();
            accepted = [.. child.Accepted];
        }

        await broker.StartAgainAsync();
        using (var child = CrashChildProcess.Start(databasePath, produce: false, broker.Port))
        {
            await child.WaitReadyAsync(StartTimeout);
            await subscriber.WaitUntilAsync(
                received => accepted.Select(pair => pair.Sequence).ToHashSet().IsSubsetOf(AllReceived(received)),
                $"all {accepted.Count} records accepted while the broker was down", TimeSpan.FromSeconds(60));
        }

        foreach (var lane in OutboxLaneNames.All)
        {
            var name = OutboxLaneNames.Of(lane);
            var received = subscriber.SequencesOn(name);

            // The order holds for first arrivals: alarms also go on the alarm connection, so their second copies come
            // after newer records.
            var firstArrivals = received.Distinct().ToList();
            Assert.True(IsAscending(firstArrivals), $"{name} arrived out of order: {string.Join(",", received)}");

            var expected = accepted.Where(pair => pair.Lane == lane).Select(pair => pair.Sequence).Order().ToList();
            Assert.Empty(expected.Except(received));
        }

        Assert.Contains(accepted, pair => pair.Lane == OutboxLane.Alarms);
    }

    /// <summary>Opens the outbox as the next start would, checks it opened cleanly and in lane order, and closes it.</summary>
    private static HashSet<long> ReadStored(string databasePath, int round)
    {
        var logger = new RecordingLogger<OutboxStore>();
        using var store = new OutboxStore(
            new OutboxOptions { DatabasePath = databasePath, TelemetryCommitWindow = TimeSpan.Zero }, new FakeTimeProvider(), logger);
        Assert.True(store.Recovery is null, $"round {round}: the database was moved aside: {store.Recovery?.Error}");

        var stored = new HashSet<long>();
        foreach (var lane in OutboxLaneNames.All)
        {
            var records = store.PeekOldest(lane, int.MaxValue);
            Assert.True(IsAscending(records.Select(record => record.Sequence).ToList()), $"round {round}: {lane} is out of order");
            stored.UnionWith(records.Select(record => record.Sequence));
        }

        return stored;
    }

    private static HashSet<long> AllReceived(DistrictSubscriber subscriber) =>
        OutboxLaneNames.All.SelectMany(lane => subscriber.SequencesOn(OutboxLaneNames.Of(lane))).ToHashSet();

    private static bool IsAscending(List<long> sequences)
    {
        for (var i = 1; i < sequences.Count; i++)
        {
            if (sequences[i] <= sequences[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
