using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Protocol;

/// <summary>The reused per-request deadline: it fires at its timeout, is not reported as expired after a caller's cancel, and never carries over.</summary>
public sealed class ModbusRequestDeadlineTests
{
    [Fact]
    public void Deadline_FiresAtTimeout()
    {
        var time = new FakeTimeProvider();
        using var deadline = new ModbusRequestDeadline(time);

        var token = deadline.Start(TimeSpan.FromSeconds(1), CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(token.IsCancellationRequested);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(token.IsCancellationRequested);
        Assert.True(deadline.Expired);
    }

    [Fact]
    public void CallerCancel_IsNotExpiry()
    {
        var time = new FakeTimeProvider();
        using var deadline = new ModbusRequestDeadline(time);
        using var caller = new CancellationTokenSource();

        var token = deadline.Start(TimeSpan.FromSeconds(1), caller.Token);
        caller.Cancel();

        Assert.True(token.IsCancellationRequested);
        Assert.False(deadline.Expired);
    }

    [Fact]
    public void CallerCancelAfterStop_LeavesNextRequest()
    {
        var time = new FakeTimeProvider();
        using var deadline = new ModbusRequestDeadline(time);
        using var first = new CancellationTokenSource();

        deadline.Start(TimeSpan.FromSeconds(1), first.Token);
        deadline.Stop();
        first.Cancel();
        var next = deadline.Start(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.False(next.IsCancellationRequested);
    }

    [Fact]
    public async Task StoppedDeadline_IsReusedAndDoesNotFire()
    {
        using var deadline = new ModbusRequestDeadline(TimeProvider.System);

        var first = deadline.Start(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        deadline.Stop();
        await Task.Delay(TimeSpan.FromMilliseconds(150));
        var second = deadline.Start(TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(first, second); // the same source, reset
        Assert.False(second.IsCancellationRequested);
        deadline.Stop();
    }

    [Fact]
    public async Task FiredDeadline_IsReplaced()
    {
        using var deadline = new ModbusRequestDeadline(TimeProvider.System);

        var first = deadline.Start(TimeSpan.FromMilliseconds(10), CancellationToken.None);
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = first.Register(() => fired.TrySetResult());
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(deadline.Expired);
        deadline.Stop();

        var second = deadline.Start(TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.False(second.IsCancellationRequested);
        Assert.False(deadline.Expired);
        deadline.Stop();
    }
}
