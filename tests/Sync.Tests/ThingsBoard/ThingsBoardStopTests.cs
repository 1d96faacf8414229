using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Tests.Uplink;
using static SmartCampus.Edge.Sync.Tests.ThingsBoard.ThingsBoardTestContext;

namespace SmartCampus.Edge.Sync.Tests.ThingsBoard;

public sealed class ThingsBoardStopTests
{
    /// <summary>Maximum real time a stop may take. The host gives all its services 20 s together.</summary>
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Checks that a stop ends while the delete of a delivered batch waits in the outbox writer's telemetry commit
    /// window. That window ends only when the clock moves, and a fake clock does not move during the stop. The queued
    /// delete is committed when the outbox closes.
    /// </summary>
    [Fact]
    public async Task Stop_WhileDeleteWaitsForCommit()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));
        await using var context = await StartAsync(clock: clock, outbox: options => options.TelemetryCommitWindow = TimeSpan.FromMilliseconds(5));
        await context.AppendAsync(OutboxLane.Alarms, "gateway-fault", """{"fault":"outbox-replaced","severity":"major"}""");

        // Not awaited: a telemetry append opens the commit window and waits there for the fake clock.
        var telemetry = context.Outbox.AppendAsync(OutboxLane.Telemetry, "sample", Encoding.UTF8.GetBytes("""{"point":"bldgA-2F-201.co2","value":1}"""), CancellationToken.None).AsTask();
        var uplink = await context.StartUplinkAsync(context.Options(), context.ThingsBoardOptions());
        await UplinkTestContext.WaitUntilAsync(() => uplink.State.RecordsSent == 1, "the alarm's PUBACK");

        var stopping = Stopwatch.StartNew();
        using var hostTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stop = uplink.StopAsync(hostTimeout.Token);
        var finished = await Task.WhenAny(uplink.ExecuteTask!, Task.Delay(StopLimit)) == uplink.ExecuteTask;
        var stoppedIn = stopping.Elapsed;

        // Ends the commit window, so a stop that waits for it ends too and the test can clean up.
        clock.Advance(TimeSpan.FromSeconds(1));
        await stop;
        Assert.True(finished, $"the uplink did not stop within {StopLimit.TotalSeconds} s while a delete waited for the commit window");
        Assert.True(stoppedIn < StopLimit, $"stop took {stoppedIn.TotalMilliseconds} ms");
        await telemetry.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, context.Outbox.Count(OutboxLane.Alarms));
    }
}
