using System.Globalization;
using Xunit.Abstractions;
using SmartCampus.Edge.Reliability.Tests.Support;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Reliability.Tests.Network;

/// <summary>
/// The district link through a network namespace the test makes: Mosquitto runs inside it, the gateway process on
/// the host reaches it over a veth pair, and the test takes the host side of the pair down and up. While the link
/// is down the gateway buffers and a smoke alarm is raised; after the link comes back every record arrives, in
/// order per lane, and the alarm goes out before the telemetry backlog.
/// </summary>
public sealed class DistrictOutageTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-outage-").FullName;

    [Fact]
    public async Task LinkOutage_NoLoss_OrderPerLane_AlarmFirst()
    {
        using var space = NetworkNamespace.Create();

        var port = Random.Shared.Next(20_000, 60_000);
        var config = Path.Combine(_directory, "district.conf");
        await File.WriteAllTextAsync(config, $"listener {port} {space.InsideAddress}\nallow_anonymous true\npersistence false\nmax_queued_messages 100000\n");
        space.Start("/usr/sbin/mosquitto", "-c", config);
        await space.WaitForListenerAsync(port, TimeSpan.FromSeconds(10));
        await using var recorder = await DistrictRecorder.ConnectAsync(space.InsideAddress, port, clientId: "district-outage");

        var campus = new TestCampus { Directory = _directory, DistrictHost = space.InsideAddress, DistrictPort = port, GatewayId = "gw-outage", SmokeAfter = "3s" };
        campus.Write();

        space.LinkDown();
        using var gateway = GatewayProcess.Start(campus.ConfigPath);
        Assert.True(
            await Eventually.WaitUntilAsync(() => gateway.Output.Contains("raised by rule fire-alarm", StringComparison.Ordinal), TimeSpan.FromSeconds(60)),
            $"The smoke alarm was not raised within 60 s of the gateway's start.\n{gateway.Output}");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(gateway.HasExited, gateway.Output);
        Assert.Empty(recorder.Arrivals);

        var linkUp = TimeProvider.System.GetTimestamp();
        space.LinkUp();
        await recorder.ReconnectAsync();
        Assert.True(
            await Eventually.WaitUntilAsync(() => recorder.Arrivals.Any(arrival => arrival.Lane == "alarms"), TimeSpan.FromSeconds(90)),
            $"No alarm reached the district within 90 s of the link coming back.\n{gateway.Output}");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(gateway.Stop(TimeSpan.FromSeconds(20)), "The gateway did not stop on SIGTERM within 20 s.");

        var arrivals = recorder.Arrivals;
        var online = recorder.Statuses.First(status => status.Status == "online").Timestamp;
        var firstAlarm = arrivals.First(arrival => arrival.Lane == "alarms").Timestamp;
        var firstTelemetry = arrivals.Where(arrival => arrival.Lane == "telemetry").Select(arrival => arrival.Timestamp).DefaultIfEmpty(long.MaxValue).First();
        Assert.True(
            firstAlarm <= firstTelemetry,
            "Telemetry from the backlog reached the district before the alarm raised during the outage. Arrivals (ms after link up): "
            + string.Join(", ", arrivals.Take(12).Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Lane}#{a.Sequence}:{a.Type}@{Ms(linkUp, a.Timestamp):F0}")))
            + "\n" + gateway.Output);

        var all = DeliveryChecks.AssertOrderedAndComplete(arrivals, campus.OutboxPath);

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"district-outage: records={all.Count} delivered={arrivals.Select(a => a.Sequence).Distinct().Count()} gaps=0 out-of-order=0 link-up-to-online-ms={Ms(linkUp, online):F0} link-up-to-first-alarm-ms={Ms(linkUp, firstAlarm):F0} online-to-first-alarm-ms={Ms(online, firstAlarm):F0}");
        output.WriteLine(summary);
        Report.Append(summary);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static double Ms(long from, long to) => TimeProvider.System.GetElapsedTime(from, to).TotalMilliseconds;
}
