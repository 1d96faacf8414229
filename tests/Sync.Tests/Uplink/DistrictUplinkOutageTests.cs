using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Tests.Outbox;
using SmartCampus.Edge.Sync.Tests.Support;
using SmartCampus.Edge.Sync.Uplink;
using SmartCampus.Edge.TestPeers;
using static SmartCampus.Edge.Sync.Tests.Uplink.UplinkTestContext;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

public sealed class DistrictUplinkOutageTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BrokerOutage_EveryRecordDelivered(bool graceful)
    {
        // Persistence keeps the district subscriber's session across the restart, so what the broker accepts for
        // it while the subscriber is away is queued, as on a production broker.
        await using var context = await StartAsync(new MosquittoBrokerOptions { Persistence = true });
        await context.StartUplinkAsync(context.Options());

        var before = await context.AppendAsync(OutboxLane.Telemetry, 40);
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.SequencesOn("telemetry").Count >= 40, "the records sent before the outage");
        await WaitUntilAsync(() => context.Pending == 0, "an empty outbox before the outage");

        // A graceful stop saves the broker's state by itself; before a kill, save it now so that the broker still has
        // the subscriber's session after the restart.
        if (!graceful)
        {
            await context.Broker.SavePersistenceAsync();
        }

        await context.Broker.StopAsync(graceful);
        await WaitUntilAsync(() => context.Uplink.State.Connection != UplinkConnectionState.Connected, "the uplink to notice the outage");

        var during = await context.AppendAsync(OutboxLane.Telemetry, 60, firstValue: 100);
        var alarms = await context.AppendAsync(OutboxLane.Alarms, 2, firstValue: 200);
        Assert.Equal(62, context.Pending);

        await context.Broker.StartAgainAsync();
        await WaitUntilAsync(() => context.Pending == 0, "an empty outbox after the outage");
        await context.Subscriber.WaitUntilAsync(
            subscriber => subscriber.SequencesOn("telemetry").Distinct().Count() >= 100 && subscriber.SequencesOn("alarms").Count >= 2,
            "the records sent after the outage");

        var received = context.Subscriber.SequencesOn("telemetry");
        Assert.Equal(before.Concat(during), received.Distinct());
        Assert.True(CountRewinds(received) <= 1, "sequences went backwards more than once: " + string.Join(",", received));
        Assert.Equal(alarms, context.Subscriber.SequencesOn("alarms").Distinct());
        Assert.True(context.UplinkLogger.Has(4105), "no retry was logged");
    }

    [Fact]
    public async Task PubackLost_RecordsKeptAndResent()
    {
        await using var context = await StartAsync();
        await using var proxy = new MqttCuttingProxy(context.Broker.Port);
        await context.StartUplinkAsync(context.Options(proxy.Port, options => options.PublishTimeout = TimeSpan.FromMilliseconds(500)));
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("status").Count > 0, "the online status");

        proxy.DropPubacks = true;
        var alarms = await context.AppendAsync(OutboxLane.Alarms, 3);

        // The broker has the first batch and forwards it, but the uplink never learns that.
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("alarms").Count >= 1, "the first delivery");
        Assert.Equal(3, context.Outbox.Count(OutboxLane.Alarms));

        proxy.DropPubacks = false;
        await WaitUntilAsync(() => context.Pending == 0, "the records to be resent and acknowledged");
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("alarms").Count >= 2, "the first sending and the resend");

        var received = context.Subscriber.SequencesOn("alarms");
        var unacknowledged = context.Subscriber.On("alarms")[0].Sequences();
        Assert.True(proxy.DroppedPubacks >= 1, "no PUBACK was dropped");
        Assert.Equal(alarms, received.Distinct());
        Assert.All(unacknowledged, sequence => Assert.True(received.Count(item => item == sequence) >= 2, $"sequence {sequence} was not sent again"));
        Assert.Contains("PUBACK", context.Uplink.State.LastError, StringComparison.Ordinal);
        Assert.True(context.UplinkLogger.Has(4106), "the publish failure was not logged");
    }

    [Fact]
    public async Task ConnectionCutAfterPublish_RecordsResent()
    {
        await using var context = await StartAsync();
        await using var proxy = new MqttCuttingProxy(context.Broker.Port);
        await context.StartUplinkAsync(context.Options(proxy.Port));
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("status").Count > 0, "the online status");

        proxy.CutAfterNextPublish("/events");
        var events = await context.AppendAsync(OutboxLane.Events, 5);

        await WaitUntilAsync(() => !proxy.CutPending, "the cut");
        await WaitUntilAsync(() => context.Pending == 0, "the records to be resent and acknowledged");
        await context.Subscriber.WaitUntilAsync(
            subscriber => subscriber.SequencesOn("events").Distinct().Count() >= 5 && subscriber.On("events").Count >= 2, "both deliveries");

        // The batch cut off before its PUBACK comes again with the same sequences; nothing is missing.
        var received = context.Subscriber.SequencesOn("events");
        var cutBatch = context.Subscriber.On("events")[0].Sequences();
        Assert.Equal(events, received.Distinct());
        Assert.All(cutBatch, sequence => Assert.Equal(2, received.Count(item => item == sequence)));
        Assert.Equal(received.Count - cutBatch.Count, received.Distinct().Count());
        Assert.True(context.Uplink.State.ConnectAttempts >= 2, "the uplink did not reconnect");
    }

    [Fact]
    public async Task ConnectionLost_BrokerPublishesWill()
    {
        await using var context = await StartAsync();
        await using var proxy = new MqttCuttingProxy(context.Broker.Port);
        await context.StartUplinkAsync(context.Options(proxy.Port));
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("status").Count > 0, "the online status");

        proxy.CutAll();

        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("status").Count >= 3, "the will and the next online status");
        var statuses = context.Subscriber.On("status").Select(message => message.Json().RootElement).ToList();
        Assert.Equal("online", statuses[0].GetProperty("status").GetString());
        Assert.Equal("offline", statuses[1].GetProperty("status").GetString());
        Assert.Equal("connection-lost", statuses[1].GetProperty("reason").GetString());
        Assert.Equal("online", statuses[2].GetProperty("status").GetString());
        Assert.True(context.UplinkLogger.Has(4104), "the disconnect was not logged");
    }

    [Fact]
    public async Task BrokerDown_RetriesWithoutLoggingPassword()
    {
        const string password = "pw-Xk93-secret";
        await using var context = await StartAsync();
        await context.Broker.StopAsync();

        await context.StartUplinkAsync(context.Options(configure: options =>
        {
            options.Username = "gateway-042";
            options.Password = password;
        }));
        await WaitUntilAsync(() => context.Uplink.State.ConnectAttempts >= 3, "three connect attempts");

        var down = context.Uplink.State;
        Assert.NotEqual(UplinkConnectionState.Connected, down.Connection);
        Assert.NotNull(down.LastError);
        Assert.Equal(UplinkFailureKind.Unreachable, down.LastErrorKind);
        Assert.True(down.ConsecutiveFailures >= 2, $"{down.ConsecutiveFailures} failures counted");

        await context.Broker.StartAgainAsync();
        await WaitUntilAsync(() => context.Uplink.State.Connection == UplinkConnectionState.Connected, "the connection");

        Assert.True(context.UplinkLogger.Has(4102), "the failed connect was not logged");
        Assert.Contains(context.UplinkLogger.Entries, entry => entry.EventId == 4102 && entry.Message.Contains("connection refused", StringComparison.Ordinal));
        Assert.Contains(context.UplinkLogger.Entries, entry => entry.EventId == 4102 && entry.Message.Contains("district.host and district.port", StringComparison.Ordinal));
        Assert.True(context.UplinkLogger.Has(4105), "the retry was not logged");
        Assert.Contains(context.UplinkLogger.Entries, entry => entry.EventId == 4100 && entry.Message.Contains("gateway-042", StringComparison.Ordinal));
        Assert.DoesNotContain(context.UplinkLogger.Entries, entry => entry.ToString().Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReconnectDelay_ComesFromTimeProvider()
    {
        await using var context = await StartAsync();
        await context.Broker.StopAsync();
        var time = new FakeTimeProvider();

        await context.StartUplinkAsync(
            context.Options(configure: options =>
            {
                options.ReconnectMinDelay = TimeSpan.FromSeconds(30);
                options.ReconnectMaxDelay = TimeSpan.FromMinutes(5);
            }),
            time);
        await WaitUntilAsync(() => context.UplinkLogger.Has(4105), "the first retry to be scheduled");

        // Real time passes, the fake clock does not: no second attempt.
        await Task.Delay(300);
        Assert.Equal(1, context.Uplink.State.ConnectAttempts);

        time.Advance(TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => context.Uplink.State.ConnectAttempts == 2, "the second attempt");
    }

    /// <summary>Counts the places where a sequence is not above the one before, i.e. where a resend starts.</summary>
    private static int CountRewinds(IReadOnlyList<long> sequences)
    {
        var rewinds = 0;
        for (var i = 1; i < sequences.Count; i++)
        {
            if (sequences[i] <= sequences[i - 1])
            {
                rewinds++;
            }
        }

        return rewinds;
    }
    [Fact]
    public async Task DiskBudgetReached_OldestTelemetryDroppedAlarmsKeptDropsReported()
    {
        await using var context = await StartAsync(outboxOptions: options =>
        {
            options.MaxDiskBytes = 60_000;
            options.AlarmReserveBytes = 10_000;
        });

        // The link is down for the whole outage: telemetry overflows the budget, then alarms come.
        var payload = OutboxTestContext.Json($$"""{"point":"bldgA-2F-201.co2","text":"{{new string('x', 300)}}"}""");
        var telemetry = new List<long>();
        for (var i = 0; i < 400; i++)
        {
            telemetry.Add(await context.Outbox.AppendAsync(OutboxLane.Telemetry, "sample", payload, CancellationToken.None));
        }

        var alarms = await context.AppendAsync(OutboxLane.Alarms, 20);
        var dropped = context.Outbox.DroppedCount(OutboxLane.Telemetry);
        Assert.True(dropped > 0, "the budget dropped no telemetry");

        await context.StartUplinkAsync(context.Options());
        await WaitUntilAsync(() => context.Pending == 0, "the outbox to drain");
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.SequencesOn("telemetry").Distinct().Count() >= telemetry.Count - dropped, "the kept telemetry");

        // Oldest first: what reached the district is exactly the newest part of what was appended.
        Assert.Equal(telemetry.Skip((int)dropped), context.Subscriber.SequencesOn("telemetry").Distinct().Order());
        Assert.Equal(alarms, context.Subscriber.SequencesOn("alarms").Distinct());
        using var status = context.Subscriber.On("status")[0].Json();
        Assert.Equal(dropped, status.RootElement.GetProperty("dropped").GetProperty("telemetry").GetInt64());
        Assert.Equal(0, status.RootElement.GetProperty("dropped").GetProperty("alarms").GetInt64());
    }
}
