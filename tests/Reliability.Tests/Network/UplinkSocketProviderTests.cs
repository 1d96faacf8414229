using System.Diagnostics;
using System.Globalization;
using System.Net;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Reliability.Tests.Network;

/// <summary>
/// The district socket's connect through a network namespace whose nftables drop every second TCP SYN that enters it.
/// A connect whose SYN is lost must not wait for the kernel's 1 s SYN retransmission, because a second socket connects
/// beside it.
/// </summary>
public sealed class UplinkSocketProviderTests
{
    // Linux sends a lost SYN again after TCP_TIMEOUT_INIT, 1 s. A connect that waited for it takes at least this long.
    private static readonly TimeSpan KernelSynRetransmission = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Connect_RacesLostSyn()
    {
        using var space = NetworkNamespace.Create();
        var broker = await StartListenerAsync(space, 18830);

        // The first connect of a provider is never raced. It measures the round trip that sets the race delay.
        var provider = new UplinkSocketProvider(TimeProvider.System);
        await using (await provider.ConnectAsync(broker, CancellationToken.None))
        {
        }

        Assert.NotNull(provider.RaceDelay);
        Assert.True(provider.RaceDelay < KernelSynRetransmission, $"The race delay is {provider.RaceDelay}, not below the kernel's SYN retransmission.");

        // From here the first SYN is dropped, so only a second socket's SYN gets through before the retransmission.
        space.DropEverySecondSyn();
        var started = Stopwatch.GetTimestamp();
        await using (await provider.ConnectAsync(broker, CancellationToken.None))
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            Assert.True(elapsed < KernelSynRetransmission, $"The connect took {elapsed.TotalMilliseconds:F0} ms, so it waited for the kernel to send the lost SYN again.");
        }

        Assert.Equal(1, space.DroppedPackets());
    }

    [Fact]
    public async Task UrgentRace_ConnectsSoonAfterLineReturns()
    {
        using var space = NetworkNamespace.Create();
        var broker = await StartListenerAsync(space, 18831);

        // A dead line: every SYN is lost. Linux 6.18 sends the first socket's SYN again every second at first
        // (net.ipv4.tcp_syn_linear_timeouts = 4), older kernels after 1 s and then 2 s more.
        space.DropAllSyns();
        var provider = new UplinkSocketProvider(TimeProvider.System) { UrgentRaceDelay = () => TimeSpan.FromMilliseconds(200) };
        var connect = provider.ConnectAsync(broker, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(2100));
        Assert.False(connect.IsCompleted, "The connect ended while every SYN was dropped.");

        // The line comes back just after the kernel's retransmission at 2 s, so its next SYN is at least 0.9 s away
        // and only a new socket connects sooner.
        space.ClearFaults();
        var returned = Stopwatch.GetTimestamp();
        await using (await connect)
        {
            var elapsed = Stopwatch.GetElapsedTime(returned);
            Assert.True(elapsed < TimeSpan.FromMilliseconds(700), $"The connect took {elapsed.TotalMilliseconds:F0} ms after the line came back, so it waited for the kernel to send a SYN again.");
        }
    }

    /// <summary>Starts a TCP listener inside the namespace, which completes handshakes in its backlog, and returns its address.</summary>
    private static async Task<IPEndPoint> StartListenerAsync(NetworkNamespace space, int port)
    {
        space.Start("python3", "-c", string.Create(CultureInfo.InvariantCulture,
            $"import socket, time\nlistener = socket.socket()\nlistener.bind(('0.0.0.0', {port}))\nlistener.listen(16)\ntime.sleep(120)\n"));
        await space.WaitForListenerAsync(port, TimeSpan.FromSeconds(10));
        return new IPEndPoint(IPAddress.Parse(space.InsideAddress), port);
    }
}
