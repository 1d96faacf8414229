using System.Threading.Channels;
using SmartCampus.Edge.Gateway.Pipeline;

namespace SmartCampus.Edge.Gateway.Tests.Pipeline;

public sealed class TelemetryWindowTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private readonly Channel<object> _channel = Channel.CreateBounded<object>(new BoundedChannelOptions(100) { SingleReader = true });

    [Fact]
    public async Task Wait_MessageArrives_True()
    {
        using var window = new TelemetryWindow(_channel.Reader);

        var wait = window.WaitAsync(Generous).AsTask();
        Assert.False(wait.IsCompleted);
        await _channel.Writer.WriteAsync("sample");

        Assert.True(await wait.WaitAsync(Generous));
    }

    [Fact]
    public async Task Wait_NoMessage_FalseAfterWindow()
    {
        using var window = new TelemetryWindow(_channel.Reader);

        var ready = await window.WaitAsync(TimeSpan.FromMilliseconds(20)).AsTask().WaitAsync(Generous);

        Assert.False(ready);
    }

    [Fact]
    public async Task Wait_MessageQueued_TrueAtOnce()
    {
        using var window = new TelemetryWindow(_channel.Reader);
        await _channel.Writer.WriteAsync("sample");

        var wait = window.WaitAsync(Generous);

        Assert.True(wait.IsCompleted);
        Assert.True(await wait);
    }

    [Fact]
    public async Task Wait_AfterTimedOutWait_SeesNextMessage()
    {
        using var window = new TelemetryWindow(_channel.Reader);
        Assert.False(await window.WaitAsync(TimeSpan.FromMilliseconds(10)).AsTask().WaitAsync(Generous));

        // The channel wait of the first window is still pending; the second window takes it over.
        var second = window.WaitAsync(Generous).AsTask();
        await _channel.Writer.WriteAsync("sample");

        Assert.True(await second.WaitAsync(Generous));
    }

    [Fact]
    public async Task Wait_ManyWindows_EachEnds()
    {
        using var window = new TelemetryWindow(_channel.Reader);

        for (var i = 0; i < 50; i++)
        {
            if (i % 2 == 0)
            {
                Assert.False(await window.WaitAsync(TimeSpan.FromMilliseconds(2)).AsTask().WaitAsync(Generous), $"window {i}");
            }
            else
            {
                var wait = window.WaitAsync(Generous).AsTask();
                await _channel.Writer.WriteAsync(i);
                Assert.True(await wait.WaitAsync(Generous), $"window {i}");
                Assert.True(_channel.Reader.TryRead(out _));
            }
        }
    }
}
