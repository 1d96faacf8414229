using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

public sealed class BrokerSilenceTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Wait_ReturnsAndRecordsResponse()
    {
        var time = new FakeTimeProvider();
        var silence = new BrokerSilence(time, Limit);
        var response = new TaskCompletionSource<int>();

        var waiting = silence.WaitAsync(response.Task, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(4));
        response.SetResult(7);

        Assert.Equal(7, await waiting);
        Assert.Equal(TimeSpan.Zero, silence.Silence);
    }

    [Fact]
    public async Task Wait_FailsAfterLimitOfSilence()
    {
        var time = new FakeTimeProvider();
        var silence = new BrokerSilence(time, Limit);
        var response = new TaskCompletionSource<int>();

        var waiting = silence.WaitAsync(response.Task, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(waiting.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(0.2));
        await Assert.ThrowsAsync<TimeoutException>(() => waiting);
    }

    [Fact]
    public async Task Wait_OtherResponsesKeepItGoing()
    {
        var time = new FakeTimeProvider();
        var silence = new BrokerSilence(time, Limit);
        var response = new TaskCompletionSource<int>();

        var waiting = silence.WaitAsync(response.Task, CancellationToken.None);
        for (var second = 0; second < 25; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            silence.RecordResponse();
        }

        Assert.False(waiting.IsCompleted, "the wait ended while the broker kept responding");
        response.SetResult(1);
        Assert.Equal(1, await waiting);
    }

    [Fact]
    public async Task Wait_CappedWhileOthersRespond()
    {
        var time = new FakeTimeProvider();
        var silence = new BrokerSilence(time, Limit);
        var response = new TaskCompletionSource<int>();

        var waiting = silence.WaitAsync(response.Task, CancellationToken.None);
        for (var second = 0; second < (Limit * BrokerSilence.MaxWaitFactor).TotalSeconds + 1 && !waiting.IsCompleted; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            silence.RecordResponse();
            await Task.Yield();
        }

        await Assert.ThrowsAsync<TimeoutException>(() => waiting);
    }
}
