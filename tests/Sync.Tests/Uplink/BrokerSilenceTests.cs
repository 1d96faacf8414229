using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

public sealed class BrokerSilenceTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Wait_ReturnsAnswerAndCountsIt()
    {
        var time = new FakeTimeProvider();
        var silence = new BrokerSilence(time, Limit);
        var answer = new TaskCompletionSource<int>();

        var waiting = silence.WaitAsync(answer.Task, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(4));
        answer.SetResult(7);

        Assert.Equal(7, await waiting);
        Assert.Equal(TimeSpan.Zero, silence.Silence);
    }

    [Fact]
    public async Task Wait_FailsAfterLimitOfSilence()
    {
        var time = new FakeTimeProvider();
        var silence = new BrokerSilence(time, Limit);
        var answer = new TaskCompletionSource<int>();

        var waiting = silence.WaitAsync(answer.Task, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(waiting.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(0.2));
        await Assert.ThrowsAsync<TimeoutException>(() => waiting);
    }

    [Fact]
    public async Task Wait_OtherAnswersKeepItGoing()
    {
        var time = new FakeTimeProvider();
        var silence = new BrokerSilence(time, Limit);
        var answer = new TaskCompletionSource<int>();

        var waiting = silence.WaitAsync(answer.Task, CancellationToken.None);
        for (var second = 0; second < 25; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            silence.Heard();
        }

        Assert.False(waiting.IsCompleted, "the wait ended while the broker kept answering");
        answer.SetResult(1);
        Assert.Equal(1, await waiting);
    }

    [Fact]
    public async Task Wait_CappedWhileOthersAnswer()
    {
        var time = new FakeTimeProvider();
        var silence = new BrokerSilence(time, Limit);
        var answer = new TaskCompletionSource<int>();

        var waiting = silence.WaitAsync(answer.Task, CancellationToken.None);
        for (var second = 0; second < (Limit * BrokerSilence.MaxWaitFactor).TotalSeconds + 1 && !waiting.IsCompleted; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            silence.Heard();
            await Task.Yield();
        }

        await Assert.ThrowsAsync<TimeoutException>(() => waiting);
    }
}
