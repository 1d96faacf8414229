using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Tests.Modbus.Polling;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Rtu;

/// <summary>
/// The tunnel stream's timed reads over a real loopback connection, the converter's end played by the test. The class
/// runs in <see cref="AllocationCounting"/> because its last test counts the whole process's bytes.
/// </summary>
[Collection(AllocationCounting.Name)]
public sealed class RtuTunnelStreamTests
{
    private static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task TimedRead_ReturnsMinusOneAfterTimeout()
    {
        var clock = new FakeTimeProvider();
        await using var tunnel = await Tunnel.OpenAsync(clock);
        var buffer = new byte[8];

        var read = tunnel.Stream.ReadAsync(buffer, Silence, CancellationToken.None);
        clock.Advance(Silence - TimeSpan.FromMilliseconds(1));
        Assert.False(read.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(-1, await read.AsTask().WaitAsync(Patience));
    }

    [Fact]
    public async Task BytesAfterTimeout_ComeWithNextRead()
    {
        var clock = new FakeTimeProvider();
        await using var tunnel = await Tunnel.OpenAsync(clock);
        var buffer = new byte[8];
        var timedOut = tunnel.Stream.ReadAsync(buffer, Silence, CancellationToken.None);
        clock.Advance(Silence);
        Assert.Equal(-1, await timedOut.AsTask().WaitAsync(Patience));

        // The receive started by the timed-out read is still running and takes these bytes.
        tunnel.Peer.Send([1, 2, 3]);
        var read = await tunnel.Stream.ReadAsync(buffer, Timeout.InfiniteTimeSpan, CancellationToken.None).AsTask().WaitAsync(Patience);

        Assert.Equal(3, read);
        Assert.Equal([1, 2, 3], buffer[..3]);
    }

    [Fact]
    public async Task BytesBeforeTimeout_EndWait()
    {
        var clock = new FakeTimeProvider();
        await using var tunnel = await Tunnel.OpenAsync(clock);
        var buffer = new byte[8];

        var read = tunnel.Stream.ReadAsync(buffer, Silence, CancellationToken.None);
        tunnel.Peer.Send([7, 8]);

        Assert.Equal(2, await read.AsTask().WaitAsync(Patience));
        Assert.Equal([7, 8], buffer[..2]);
    }

    [Fact]
    public async Task CancelledRead_KeepsLaterBytes()
    {
        await using var tunnel = await Tunnel.OpenAsync(TimeProvider.System);
        var buffer = new byte[8];
        using var cancel = new CancellationTokenSource();

        var read = tunnel.Stream.ReadAsync(buffer, Timeout.InfiniteTimeSpan, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.AsTask().WaitAsync(Patience));

        tunnel.Peer.Send([4, 5]);
        var next = await tunnel.Stream.ReadAsync(buffer, Timeout.InfiniteTimeSpan, CancellationToken.None).AsTask().WaitAsync(Patience);
        Assert.Equal(2, next);
        Assert.Equal([4, 5], buffer[..2]);
    }

    [Fact]
    public async Task PeerClose_EndsAfterBufferedBytes()
    {
        await using var tunnel = await Tunnel.OpenAsync(TimeProvider.System);
        tunnel.Peer.Send([1, 2, 3, 4, 5]);
        tunnel.Peer.Shutdown(SocketShutdown.Send);
        var buffer = new byte[2];
        var received = new List<byte>();

        while (true)
        {
            var read = await tunnel.Stream.ReadAsync(buffer, Timeout.InfiniteTimeSpan, CancellationToken.None).AsTask().WaitAsync(Patience);
            Assert.NotEqual(-1, read);
            if (read == 0)
            {
                break;
            }

            received.AddRange(buffer[..read]);
        }

        Assert.Equal([1, 2, 3, 4, 5], received);
    }

    [Fact]
    public async Task DiscardInput_DropsBufferedAndWaitingBytes()
    {
        await using var tunnel = await Tunnel.OpenAsync(TimeProvider.System);
        var one = new byte[1];
        tunnel.Peer.Send([1, 2, 3]);
        Assert.Equal(1, await tunnel.Stream.ReadAsync(one, Timeout.InfiniteTimeSpan, CancellationToken.None).AsTask().WaitAsync(Patience));

        // Bytes 2 and 3 are in the stream's buffer; bytes 4 and 5 wait in the kernel, because no receive runs.
        tunnel.Peer.Send([4, 5]);
        Assert.True(await Eventually.WaitUntilAsync(() => tunnel.Client.Available == 2, Patience));
        tunnel.Stream.DiscardInput();
        tunnel.Peer.Send([9]);
        var buffer = new byte[8];
        var read = await tunnel.Stream.ReadAsync(buffer, Timeout.InfiniteTimeSpan, CancellationToken.None).AsTask().WaitAsync(Patience);

        Assert.Equal(1, read);
        Assert.Equal(9, buffer[0]);
    }

    [Fact]
    public async Task Dispose_EndsWaitingRead()
    {
        await using var tunnel = await Tunnel.OpenAsync(TimeProvider.System);
        var read = tunnel.Stream.ReadAsync(new byte[8], Timeout.InfiniteTimeSpan, CancellationToken.None);

        await tunnel.Stream.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => read.AsTask().WaitAsync(Patience));
    }

    [Fact]
    public async Task Write_ReachesPeer()
    {
        await using var tunnel = await Tunnel.OpenAsync(TimeProvider.System);

        await tunnel.Stream.WriteAsync(new byte[] { 1, 3, 0, 0, 0, 10, 0xC5, 0xCD });
        var buffer = new byte[16];
        var received = await tunnel.Peer.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(Patience);

        Assert.Equal([1, 3, 0, 0, 0, 10, 0xC5, 0xCD], buffer[..received]);
    }

    /// <summary>
    /// Timed-out reads and reads that wait for bytes, as the frame reader makes them while it waits for a frame's end,
    /// allocate nothing. The waits complete on the timer's and the socket's threads, so the whole process is counted,
    /// in batches, and the leanest batch decides, as in <see cref="PollAllocationTests"/>.
    /// </summary>
    [Fact]
    public async Task WaitingReads_AllocateNothing()
    {
        const int warmUp = 20;
        const int batches = 5;
        const int cyclesPerBatch = 40;
        await using var tunnel = await Tunnel.OpenAsync(TimeProvider.System);
        var buffer = new byte[8];
        for (var i = 0; i < warmUp; i++)
        {
            await TimeOutThenReceiveAsync(tunnel, buffer);
        }

        var lowest = long.MaxValue;
        for (var batch = 0; batch < batches; batch++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < cyclesPerBatch; i++)
            {
                await TimeOutThenReceiveAsync(tunnel, buffer);
            }

            lowest = Math.Min(lowest, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        // Anything made on every wait is at least 24 B per cycle, so it would show as 960 B or more per batch.
        Assert.InRange(lowest, 0, 24 * cyclesPerBatch / 2);
    }

    /// <summary>
    /// One read that times out after 1 ms, then one that waits until the peer's byte arrives. Pooled, so that the
    /// helper's own state machine is not counted.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask TimeOutThenReceiveAsync(Tunnel tunnel, byte[] buffer)
    {
        // Assert.True, because Assert.Equal makes a comparer on each call.
        Assert.True(await tunnel.Stream.ReadAsync(buffer, TimeSpan.FromMilliseconds(1), CancellationToken.None) == -1);
        var read = tunnel.Stream.ReadAsync(buffer, Timeout.InfiniteTimeSpan, CancellationToken.None);
        tunnel.Peer.Send(buffer.AsSpan(0, 1));
        Assert.True(await read == 1);
    }

    /// <summary>A connected loopback pair: the gateway's end as an <see cref="RtuTunnelStream"/>, the converter's as a plain socket.</summary>
    private sealed class Tunnel : IAsyncDisposable
    {
        private Tunnel(RtuTunnelStream stream, Socket client, Socket peer)
        {
            Stream = stream;
            Client = client;
            Peer = peer;
        }

        public RtuTunnelStream Stream { get; }

        /// <summary>The gateway's socket, which <see cref="Stream"/> owns; tests only look at what it holds.</summary>
        public Socket Client { get; }

        public Socket Peer { get; }

        public static async Task<Tunnel> OpenAsync(TimeProvider timeProvider)
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await client.ConnectAsync(listener.LocalEndPoint!);
            var peer = await listener.AcceptAsync();
            return new Tunnel(new RtuTunnelStream(client, timeProvider, "127.0.0.1:tunnel-test"), client, peer);
        }

        public async ValueTask DisposeAsync()
        {
            await Stream.DisposeAsync();
            Peer.Dispose();
        }
    }
}
