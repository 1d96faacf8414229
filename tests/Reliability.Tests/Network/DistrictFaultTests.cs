using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using SmartCampus.Edge.Reliability.Tests.Support;

namespace SmartCampus.Edge.Reliability.Tests.Network;

/// <summary>
/// The district link with loss, latency and an outage, on a kernel without netem. The gateway process runs inside a
/// network namespace the test makes and reaches the district over its veth pair: nftables in the namespace drops a
/// share of the packets each way at random, a <see cref="DelayRelay"/> on the host side holds each chunk for a delay
/// with jitter before it goes on to a real Mosquitto on loopback, and the test takes the link down and up once. A rule
/// raises an alarm every second. Asserted: every record is delivered or still in the outbox, order per lane, alarm
/// p99 within 1 s while the link works and the gateway is connected, and alarms raised from the outage until the
/// gateway is online again within the reconnect delay plus the TCP and MQTT set-up after the link is back.
/// </summary>
/// <remarks>tools/netfaults.sh runs longer and harsher versions through the SMARTCAMPUS_NETFAULT_* variables.</remarks>
public sealed class DistrictFaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-netfault-").FullName;

    [Fact]
    public async Task LossyLink_KeepsRecordsAndOrder()
    {
        var loss = Setting("LOSS", 5);
        var delay = TimeSpan.FromMilliseconds(Setting("DELAY_MS", 200));
        var jitter = TimeSpan.FromMilliseconds(Setting("JITTER_MS", 50));
        var steady = TimeSpan.FromSeconds(Setting("STEADY_S", 10));
        var outage = TimeSpan.FromSeconds(Setting("OUTAGE_S", 5));
        var publishTimeout = TimeSpan.FromSeconds(Setting("PUBLISH_TIMEOUT_S", 5));

        // The goal is p99 within 1 s, and tools/netfaults.sh checks it over a long run. The suite's short run has
        // about 40 alarms, so its p99 is nearly its maximum. One lost segment costs TCP a retransmission timeout of
        // about 1 s at these round trips, so the suite allows one such retransmission on top of the goal.
        var p99Limit = TimeSpan.FromMilliseconds(Setting("P99_LIMIT_MS", 2500));
        var reconnectMax = TimeSpan.FromSeconds(1);

        using var space = NetworkNamespace.Create();
        if (loss > 0)
        {
            space.AddLoss(loss);
        }

        await using var district = await MosquittoBroker.StartAsync();
        await using var relay = new DelayRelay(IPAddress.Parse(space.HostAddress), new IPEndPoint(IPAddress.Loopback, district.Port), delay, jitter, seed: Environment.TickCount);
        await using var recorder = await DistrictRecorder.ConnectAsync(district.Host, district.Port, clientId: "district-faults");
        await using var peer = await PeerProbe.StartAsync(space, space.HostAddress, relay.Port, district.Host, district.Port);

        var campus = new TestCampus
        {
            Directory = _directory,
            DistrictHost = space.HostAddress,
            DistrictPort = relay.Port,
            GatewayId = "gw-faults",
            Devices = 2,
            DistrictExtra = $"  reconnectMaxDelay: {reconnectMax.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s\n",

            // tools/netfaults.sh runs the shipped 10 s: at 20 % loss each way TCP alone stalls for 6 s and more now
            // and then (a retransmission and its ACK both pass with 0.64, and the wait doubles from 200 ms), so a
            // shorter limit drops connections that still work. The suite's short run at 5 % loss keeps 5 s, so that
            // its 5 s outage ends the connection and the reconnect, not TCP's backed-off retransmission, brings it back.
            PublishTimeout = $"{publishTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s",

            // CO2 steps once a second, and a rule raises at every step and clears 300 ms later: an alarm record a second.
            Co2RisePerSecondPpm = 1,
            ExtraRules = "  - id: co2-step\n    kind: state\n    point: room-2-air.co2\n    changes: true\n    clearAfter: 300ms\n    severity: warning\n",
        };
        campus.Write();

        using var gateway = GatewayProcess.Start(campus.ConfigPath, networkNamespace: space.Name);
        Assert.True(
            await Eventually.WaitUntilAsync(() => recorder.Statuses.Any(status => status.Status == "online"), TimeSpan.FromSeconds(90)),
            $"The gateway did not come online at the district through the faulty link within 90 s.\n{gateway.Output}");
        var firstOnline = TimeProvider.System.GetUtcNow() - TimeProvider.System.GetElapsedTime(recorder.Statuses.First(status => status.Status == "online").Timestamp);

        await Task.Delay(steady);
        var down = TimeProvider.System.GetUtcNow();
        space.LinkDown();
        await Task.Delay(outage);
        var up = TimeProvider.System.GetUtcNow();
        var upTimestamp = TimeProvider.System.GetTimestamp();
        space.LinkUp();
        await Task.Delay(steady);
        var end = TimeProvider.System.GetUtcNow();
        var dropped = loss > 0 ? space.DroppedPackets() : 0;
        Assert.False(gateway.HasExited, gateway.Output);
        Assert.True(gateway.Stop(TimeSpan.FromSeconds(20)), "The gateway did not stop on SIGTERM within 20 s.");

        Report.Save($"netfaults-{loss}pct-gateway.log", gateway.Output);
        var arrivals = recorder.Arrivals.Where(arrival => arrival.Gateway == campus.GatewayId).ToList();

        var all = DeliveryChecks.AssertOrderedAndComplete(arrivals, campus.OutboxPath);

        // Alarm latency. An alarm made and delivered while the link worked and the gateway was connected counts from its
        // creation. Every other alarm counts from the moment the link came back: those made during the outage, those
        // caught in flight by it, and those made before the gateway was online again.
        // A short outage may pass within the publish timeout: TCP then carries the same connection on once its
        // backed-off retransmission gets through, and the gateway counts as online again from the first record that
        // reaches the district after the link came up.
        var online = recorder.Statuses.Where(status => status.Status == "online" && status.Timestamp > upTimestamp).Select(status => status.Timestamp).DefaultIfEmpty(long.MaxValue).First();
        var keptConnection = Regex.Count(gateway.Output, " 4101 ") == 1;
        var firstAfterUp = recorder.Arrivals.Where(arrival => arrival.Gateway == campus.GatewayId && arrival.ArrivedAt > up).Select(arrival => arrival.ArrivedAt).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        Assert.True(online != long.MaxValue || (keptConnection && firstAfterUp != DateTimeOffset.MaxValue), $"The gateway did not report online again after the outage.\n{gateway.Output}");
        var backOnline = online == long.MaxValue ? firstAfterUp : up + TimeProvider.System.GetElapsedTime(upTimestamp, online);
        var alarms = arrivals.Where(arrival => arrival.Lane == "alarms").GroupBy(arrival => arrival.Sequence).Select(group => group.First()).ToList();

        // Alarms made while the gateway started, before its first connection through the lossy link was up, are
        // reported apart (their wait includes that first connect); the steady stretch begins once it is online.
        bool Startup(DistrictArrival alarm) => alarm.CreatedAt < firstOnline && alarm.ArrivedAt >= firstOnline;
        bool Usable(DistrictArrival alarm) => !Startup(alarm) && (alarm.ArrivedAt < down || alarm.CreatedAt > backOnline);
        var usable = alarms.Where(Usable).Select(alarm => (alarm.ArrivedAt - alarm.CreatedAt).TotalMilliseconds).Order().ToList();
        var startup = alarms.Where(Startup).Select(alarm => (alarm.ArrivedAt - alarm.CreatedAt).TotalMilliseconds).Order().DefaultIfEmpty(0).ToList();
        var afterOutage = alarms.Where(alarm => !Startup(alarm) && !Usable(alarm)).Select(alarm => (alarm.ArrivedAt - (alarm.CreatedAt > up ? alarm.CreatedAt : up)).TotalMilliseconds).Order().ToList();
        Report.Save($"netfaults-{loss}pct-alarms.txt", string.Join('\n', alarms.Select(alarm => string.Create(CultureInfo.InvariantCulture,
            $"{alarm.Sequence} created={alarm.CreatedAt:HH:mm:ss.fff} arrived={alarm.ArrivedAt:HH:mm:ss.fff} ms={(alarm.ArrivedAt - alarm.CreatedAt).TotalMilliseconds:F0} {(Startup(alarm) ? "startup" : Usable(alarm) ? "usable" : "outage")}"))));

        // The reference client on the same link, counted the same way: sent and delivered while the link was up, or
        // sent once the gateway was online again after the outage.
        var probes = peer.Arrivals.Where(probe => probe.Sent >= firstOnline && (probe.Arrived < down || probe.Sent > backOnline))
            .Select(probe => (probe.Arrived - probe.Sent).TotalMilliseconds).Order().DefaultIfEmpty(double.NaN).ToList();
        Assert.True(usable.Count >= steady.TotalSeconds, $"Only {usable.Count} alarms arrived while the link was usable; the pulse rule should raise one a second.\n{gateway.Output}");
        Assert.True(afterOutage.Count > 0, $"No alarm raised during the {outage.TotalSeconds} s outage reached the district.\n{gateway.Output}");

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"district-faults: loss={loss}% delay={delay.TotalMilliseconds:F0}±{jitter.TotalMilliseconds:F0}ms steady={steady.TotalSeconds:F0}s outage={outage.TotalSeconds:F0}s publishTimeout={publishTimeout.TotalSeconds:F0}s records={all.Count} delivered={arrivals.Select(a => a.Sequence).Distinct().Count()} duplicates={arrivals.Count - arrivals.Select(a => a.Sequence).Distinct().Count()} gaps=0 out-of-order=0 packets-dropped={dropped} relay-connections={relay.ConnectionCount} gateway-connections={Regex.Count(gateway.Output, " 4101 ")} "
            + $"alarms-usable={usable.Count} p50={Percentile(usable, 0.5):F0}ms p99={Percentile(usable, 0.99):F0}ms max={usable[^1]:F0}ms "
            + $"peer={probes.Count} p50={Percentile(probes, 0.5):F0}ms p99={Percentile(probes, 0.99):F0}ms max={probes[^1]:F0}ms "
            + $"alarms-at-startup={alarms.Count(Startup)} max={startup[^1]:F0}ms "
            + $"alarms-from-outage={afterOutage.Count} from-link-up min={afterOutage[0]:F0}ms max={afterOutage[^1]:F0}ms link-up-to-online={(backOnline - up).TotalMilliseconds:F0}ms "
            + $"run={(end - down + steady).TotalSeconds:F0}s");
        output.WriteLine(summary);
        Report.Append(summary);

        Assert.True(Percentile(usable, 0.5) <= 1000, $"Alarm p50 while the link was usable is {Percentile(usable, 0.5):F0} ms, over 1 s. {summary}");
        Assert.True(
            Percentile(usable, 0.99) <= p99Limit.TotalMilliseconds,
            $"Alarm p99 while the link was usable is {Percentile(usable, 0.99):F0} ms, over {p99Limit.TotalMilliseconds:F0} ms. {summary}");

        // After the link is back the gateway must first notice (at most reconnectMaxDelay plus its jitter). Then it sets up
        // TCP and MQTT over the delayed link (two round trips) and sends. A lost SYN adds TCP's 1 s retransmission.
        var bound = reconnectMax.TotalMilliseconds * 1.5 + 6 * (delay + jitter).TotalMilliseconds + (loss > 0 ? 1000 : 0) + 500;
        Assert.True(afterOutage[^1] <= bound, $"An alarm raised during the outage arrived {afterOutage[^1]:F0} ms after the link was back, over {bound:F0} ms. {summary}");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("SMARTCAMPUS_NETFAULT_" + name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static double Percentile(List<double> sorted, double share) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
}
