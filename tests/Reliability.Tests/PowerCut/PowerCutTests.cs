using System.Globalization;
using Xunit.Abstractions;
using SmartCampus.Edge.Reliability.Tests.Support;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Reliability.Tests.PowerCut;

/// <summary>
/// Power cuts on the real gateway process: SIGKILL at a random moment, once it polls, while it ingests (district up), while it only
/// buffers (district down), and while it drains a backlog (district back mid-run). After each cut the outbox must
/// open as it is, and every record that the previous check found in the outbox must still be there or have reached
/// the district. At the end the gateway drains everything, and every record ever seen must have reached the district.
/// </summary>
/// <remarks>
/// The suite runs a few cuts; tools/powercut.sh sets SMARTCAMPUS_POWERCUT_CUTS for a long run and
/// SMARTCAMPUS_RELIABILITY_REPORT to append the figures to a file.
/// </remarks>
public sealed class PowerCutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-powercut-").FullName;
    private MosquittoBroker? _district;

    public async Task InitializeAsync() =>
        _district = await MosquittoBroker.StartAsync(new MosquittoBrokerOptions { Persistence = true });

    [Fact]
    public async Task RandomCuts_LoseNoAcceptedRecord()
    {
        var cuts = int.Parse(Environment.GetEnvironmentVariable("SMARTCAMPUS_POWERCUT_CUTS") ?? "3", CultureInfo.InvariantCulture);
        var seed = int.Parse(Environment.GetEnvironmentVariable("SMARTCAMPUS_POWERCUT_SEED") ?? Random.Shared.Next(1_000_000).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var random = new Random(seed);
        var district = _district!;
        var campus = new TestCampus { Directory = _directory, DistrictPort = district.Port };
        campus.Write();
        await using var recorder = await DistrictRecorder.ConnectAsync(district.Host, district.Port, clientId: "district-powercut");

        var everSeen = OutboxSnapshot.Lanes.ToDictionary(lane => lane, _ => new HashSet<long>());
        var previous = OutboxSnapshot.Lanes.ToDictionary(lane => lane, _ => (IReadOnlySet<long>)new HashSet<long>());
        var phases = new Dictionary<string, int>(StringComparer.Ordinal);
        var maxOutbox = 0;

        for (var cut = 1; cut <= cuts; cut++)
        {
            var phase = (cut % 3) switch { 0 => "ingest", 1 => "buffer", _ => "drain" };
            phases[phase] = phases.GetValueOrDefault(phase) + 1;
            if (phase != "ingest")
            {
                await district.StopAsync(graceful: true);
            }

            using (var gateway = GatewayProcess.Start(campus.ConfigPath))
            {
                // Cut only once the gateway ingests; a cut during .NET start-up tests nothing of the outbox.
                Assert.True(
                    await Eventually.WaitUntilAsync(() => gateway.Output.Contains("Modbus device room-1-air is online", StringComparison.Ordinal), TimeSpan.FromSeconds(60)),
                    $"The gateway did not start polling within 60 s:\n{gateway.Output}");
                if (phase == "drain")
                {
                    await Task.Delay(random.Next(300, 2000));
                    await district.StartAgainAsync();
                    await recorder.ReconnectAsync();
                    await Task.Delay(random.Next(100, 2000));
                }
                else
                {
                    await Task.Delay(random.Next(100, 3000));
                }

                Assert.False(gateway.HasExited, $"The gateway exited by itself before cut {cut}:\n{gateway.Output}");
                gateway.Cut();
            }

            if (!district.IsRunning)
            {
                await district.StartAgainAsync();
            }

            await recorder.ReconnectAsync();
            await WaitForQuietAsync(recorder);

            var snapshot = OutboxSnapshot.Read(campus.OutboxPath);
            Assert.True(snapshot.Recovery is null, $"Cut {cut} ({phase}, seed {seed}): the outbox did not open: {snapshot.Recovery}");
            foreach (var lane in OutboxSnapshot.Lanes)
            {
                var delivered = recorder.Sequences(campus.GatewayId, DistrictTopics.LaneName(lane)).ToHashSet();
                var lost = previous[lane].Where(sequence => !snapshot.Sequences[lane].Contains(sequence) && !delivered.Contains(sequence)).ToList();
                Assert.True(lost.Count == 0, $"Cut {cut} ({phase}, seed {seed}): {lost.Count} {lane} records were in the outbox and are now gone without delivery: {string.Join(',', lost.Take(20))}");
                everSeen[lane].UnionWith(snapshot.Sequences[lane]);
            }

            maxOutbox = Math.Max(maxOutbox, snapshot.Count);
            previous = new Dictionary<OutboxLane, IReadOnlySet<long>>(snapshot.Sequences);
        }

        Assert.True(everSeen.Values.Sum(set => set.Count) > 0, $"No check found a record in the outbox (seed {seed}), so the cuts proved nothing; the gateway did not ingest.");

        // Final drain with the district up: every record ever found in the outbox reaches the district.
        using (var gateway = GatewayProcess.Start(campus.ConfigPath))
        {
            await Eventually.WaitUntilAsync(
                () => OutboxSnapshot.Lanes.All(lane => everSeen[lane].IsSubsetOf(recorder.Sequences(campus.GatewayId, DistrictTopics.LaneName(lane)))),
                TimeSpan.FromSeconds(60));
            Assert.True(gateway.Stop(TimeSpan.FromSeconds(20)), "The gateway did not stop on SIGTERM within 20 s.");
        }

        var deliveredTotal = OutboxSnapshot.Lanes.Sum(lane => recorder.Sequences(campus.GatewayId, DistrictTopics.LaneName(lane)).Distinct().Count());
        var duplicates = OutboxSnapshot.Lanes.Sum(lane => recorder.Sequences(campus.GatewayId, DistrictTopics.LaneName(lane)).Count) - deliveredTotal;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"power-cut: cuts={cuts} seed={seed} phases={string.Join('/', phases.Select(p => $"{p.Key}:{p.Value}"))} outbox-opened={cuts}/{cuts} records-in-outbox-at-checks={everSeen.Values.Sum(s => s.Count)} max-outbox={maxOutbox} delivered-distinct={deliveredTotal} duplicates={duplicates} lost=0");
        output.WriteLine(summary);
        Report.Append(summary);
    }

    public async Task DisposeAsync()
    {
        if (_district is not null)
        {
            await _district.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Waits until the recorder has received nothing new for half a second (at most 10 s).</summary>
    private static async Task WaitForQuietAsync(DistrictRecorder recorder)
    {
        var last = -1L;
        for (var round = 0; round < 20 && recorder.MessageCount != last; round++)
        {
            last = recorder.MessageCount;
            await Task.Delay(500);
        }
    }
}
