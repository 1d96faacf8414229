using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using MQTTnet.Exceptions;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Uplink;
using static SmartCampus.Edge.Sync.Tests.Uplink.UplinkTestContext;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

/// <summary>
/// The alarm connection's attempts on a fake clock while the district broker is stopped, so that each attempt is a
/// connect refused on loopback. With an alarm waiting they come at most alarmReconnectDelay apart. Without one they
/// follow the doubling backoff.
/// </summary>
public sealed class AlarmReconnectTests
{
    private const int AlarmConnectionFailed = 4125;
    private const int AlarmConnectionRetrySoon = 4128;

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task AlarmWaiting_AttemptsAtMostAlarmDelayApart()
    {
        await using var context = await StartAsync();
        await context.Broker.StopAsync();
        await context.AppendAsync(OutboxLane.Alarms, 1);
        var time = new FakeTimeProvider();

        await context.StartUplinkAsync(Options(context), time);
        await RunAsync(time, TimeSpan.FromSeconds(10));

        // Delays of 250 to 500 ms give 20 to 40 attempts in 10 s; the backoff (1 s doubling) gives at most 6.
        var attempts = AlarmAttempts(context);
        Assert.True(attempts >= 15, $"only {attempts} alarm connection attempts in 10 s with an alarm waiting");
    }

    [Fact]
    public async Task NoAlarm_AttemptsBackOff()
    {
        await using var context = await StartAsync();
        await context.Broker.StopAsync();
        await context.AppendAsync(OutboxLane.Telemetry, 5);
        var time = new FakeTimeProvider();

        await context.StartUplinkAsync(Options(context), time);
        await RunAsync(time, TimeSpan.FromSeconds(10));

        // The first retry after 125 to 250 ms, then 1 s, 1 to 2 s, 2 to 4 s, 4 to 8 s: at most 6 attempts by 10 s.
        var attempts = AlarmAttempts(context);
        Assert.InRange(attempts, 2, 6);
        Assert.False(context.UplinkLogger.Has(AlarmConnectionRetrySoon), "the alarm connection retried early without an alarm");
    }

    [Fact]
    public async Task AlarmDuringBackoff_EndsWait()
    {
        await using var context = await StartAsync();
        await context.Broker.StopAsync();
        var time = new FakeTimeProvider();

        await context.StartUplinkAsync(Options(context), time);
        await RunAsync(time, TimeSpan.FromSeconds(10));
        var before = AlarmAttempts(context);

        // The backoff now waits 4 to 8 s or more; the alarm ends that wait after at most 500 ms.
        await context.AppendAsync(OutboxLane.Alarms, 1);
        await RunAsync(time, TimeSpan.FromMilliseconds(600));

        Assert.True(AlarmAttempts(context) > before, "no alarm connection attempt within 600 ms of the alarm");
    }

    [Fact]
    public void TransportFailure_RefusedAndTimedOut_NotRejection()
    {
        var refused = new MqttCommunicationException("refused", new SocketException((int)SocketError.ConnectionRefused));
        var rejected = new UplinkConnectRejectedException(MqttClientConnectResultCode.NotAuthorized, reasonString: null, "gw-01");

        Assert.True(AlarmConnection.IsTransportFailure(refused));
        Assert.True(AlarmConnection.IsTransportFailure(new TimeoutException("no CONNACK")));
        Assert.False(AlarmConnection.IsTransportFailure(rejected));
        Assert.False(AlarmConnection.IsTransportFailure(new MqttCommunicationException("TLS", new System.Security.Authentication.AuthenticationException())));
    }

    private static UplinkOptions Options(UplinkTestContext context) => context.Options(configure: options =>
    {
        options.AlarmConnection = true;
        options.ReconnectMinDelay = TimeSpan.FromSeconds(1);
        options.ReconnectMaxDelay = TimeSpan.FromSeconds(60);
        options.AlarmReconnectDelay = TimeSpan.FromMilliseconds(500);
    });

    private static int AlarmAttempts(UplinkTestContext context) =>
        context.UplinkLogger.Entries.Count(entry => entry.EventId is AlarmConnectionFailed or AlarmConnectionRetrySoon);

    /// <summary>
    /// Moves the fake clock on in small steps. Between steps real time lets a refused connect fail and the next wait
    /// begin, which takes a few milliseconds on loopback.
    /// </summary>
    private static async Task RunAsync(FakeTimeProvider time, TimeSpan duration)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += Step)
        {
            await Task.Delay(15);
            time.Advance(Step);
        }

        await Task.Delay(50);
    }
}
