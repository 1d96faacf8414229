using System.Globalization;
using Xunit.Abstractions;
using SmartCampus.Edge.Reliability.Tests.Support;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Reliability.Tests.Network;

/// <summary>
/// The district link through a network namespace the test makes: Mosquitto runs inside it, the gateway process on
/// the host reaches it over a veth pair, and the test takes the host side of the pair down and up. While the link
/// is down the gateway buffers and a smoke alarm is raised; after the link comes back every record arrives, in
/// order per lane, and the alarm goes out before the telemetry backlog, within a second of the link coming back.
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

        // Holding the outage 10 s after the alarm lets the reconnect backoff grow to about 8 to 16 s, as in a longer outage.
        await Task.Delay(TimeSpan.FromSeconds(Setting("OUTAGE_HOLD_S", 10)));
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

        // The goal is 1 s from link up to the alarm at the district. The alarm connection retries at most
        // alarmReconnectDelay (500 ms) apart while the alarm waits. The TCP and MQTT connects and the PUBLISH take a few
        // round trips on the veth pair, so 11 runs at load 3 to 20 took 0.17 to 0.5 s. The suite's run allows 3 s,
        // because one run on a build machine at load 25 (2 cores) took 2.1 s. The backoff alone took 4.8 to 12.9 s here.
        var limitMs = Setting("OUTAGE_ALARM_LIMIT_MS", 3000);
        var linkUpToAlarmMs = Ms(linkUp, firstAlarm);
        Assert.True(
            linkUpToAlarmMs <= limitMs,
            string.Create(CultureInfo.InvariantCulture, $"The alarm reached the district {linkUpToAlarmMs:F0} ms after the link came back, over {limitMs} ms.\n{gateway.Output}"));

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"district-outage: records={all.Count} delivered={arrivals.Select(a => a.Sequence).Distinct().Count()} gaps=0 out-of-order=0 link-up-to-online-ms={Ms(linkUp, online):F0} link-up-to-first-alarm-ms={Ms(linkUp, firstAlarm):F0} online-to-first-alarm-ms={Ms(online, firstAlarm):F0}");
        output.WriteLine(summary);
        Report.Append(summary);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("SMARTCAMPUS_" + name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static double Ms(long from, long to) => TimeProvider.System.GetElapsedTime(from, to).TotalMilliseconds;
}
