using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Tests.Support;
using static SmartCampus.Edge.Sync.Tests.Uplink.UplinkTestContext;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

/// <summary>An alarm does not wait for the PUBACK of a telemetry batch that is still in flight.</summary>
public sealed class AlarmPriorityTests
{
    [Fact]
    public async Task Alarm_OvertakesTelemetryInFlight()
    {
        await using var context = await StartAsync();
        await using var proxy = new MqttCuttingProxy(context.Broker.Port);

        // Long enough that waiting for the telemetry PUBACK would show: the alarm must come well before.
        var publishTimeout = TimeSpan.FromSeconds(3);
        await context.StartUplinkAsync(context.Options(proxy.Port, options => options.PublishTimeout = publishTimeout));
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("status").Count > 0, "the online status");

        proxy.DropPubacksOfTopicSuffix = "/telemetry";
        var telemetry = await context.AppendAsync(OutboxLane.Telemetry, 5);
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.SequencesOn("telemetry").Count >= 5, "the telemetry batch at the broker");

        var alarms = await context.AppendAsync(OutboxLane.Alarms, 1, firstValue: 100);
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.SequencesOn("alarms").Count >= 1, "the alarm", TimeSpan.FromSeconds(2));
        await WaitUntilAsync(() => context.Outbox.Count(OutboxLane.Alarms) == 0, "the alarm's PUBACK", TimeSpan.FromSeconds(2));

        // The telemetry batch is still waiting for its PUBACK, on the same connection.
        Assert.Equal(5, context.Outbox.Count(OutboxLane.Telemetry));
        Assert.Equal(alarms, context.Subscriber.SequencesOn("alarms"));

        // Without its PUBACK the batch is given up at the latest after the longest wait, and sent again.
        proxy.DropPubacksOfTopicSuffix = null;
        await WaitUntilAsync(() => context.Pending == 0, "the telemetry to be resent", publishTimeout * 5);
        Assert.Equal(telemetry, context.Subscriber.SequencesOn("telemetry").Distinct());
    }

    [Fact]
    public async Task Alarm_DoesNotWaitForStatusPuback()
    {
        await using var context = await StartAsync();
        await using var proxy = new MqttCuttingProxy(context.Broker.Port);

        // The status PUBACK after the connect never comes. Waiting for it would hold the alarm for the whole publish
        // timeout, and then the connection would be dropped and the same wait would begin again.
        proxy.DropPubacksOfTopicSuffix = "/status";
        var alarms = await context.AppendAsync(OutboxLane.Alarms, 1);
        await context.StartUplinkAsync(context.Options(proxy.Port, options => options.PublishTimeout = TimeSpan.FromSeconds(10)));

        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("status").Count > 0, "the online status");
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.SequencesOn("alarms").Count >= 1, "the alarm", TimeSpan.FromSeconds(3));
        await WaitUntilAsync(() => context.Outbox.Count(OutboxLane.Alarms) == 0, "the alarm's PUBACK", TimeSpan.FromSeconds(3));

        Assert.Equal(alarms, context.Subscriber.SequencesOn("alarms"));
        Assert.False(context.UplinkLogger.Has(4106), "the connection was dropped while the status PUBACK was missing");
    }

    [Fact]
    public async Task SlowPuback_OtherAnswersKeepConnection()
    {
        await using var context = await StartAsync();
        await using var proxy = new MqttCuttingProxy(context.Broker.Port);
        await context.StartUplinkAsync(context.Options(proxy.Port, options => options.PublishTimeout = TimeSpan.FromMilliseconds(1500)));
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("status").Count > 0, "the online status");

        proxy.DropPubacksOfTopicSuffix = "/telemetry";
        await context.AppendAsync(OutboxLane.Telemetry, 3);

        // Alarms keep being acknowledged for longer than the silence limit: the connection stays up meanwhile.
        for (var i = 0; i < 10; i++)
        {
            await context.AppendAsync(OutboxLane.Alarms, 1, firstValue: i);
            await Task.Delay(300);
        }

        await WaitUntilAsync(() => context.Outbox.Count(OutboxLane.Alarms) == 0, "the alarms' PUBACKs");
        Assert.False(context.UplinkLogger.Has(4106), "the connection was dropped while the broker kept responding");
        Assert.Equal(3, context.Outbox.Count(OutboxLane.Telemetry));
    }
}
