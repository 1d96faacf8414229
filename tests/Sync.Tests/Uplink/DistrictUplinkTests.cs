using System.Text.Json;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Uplink;
using static SmartCampus.Edge.Sync.Tests.Uplink.UplinkTestContext;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

public sealed class DistrictUplinkTests
{
    [Theory]
    [InlineData("5")]
    [InlineData("3.1.1")]
    public async Task Records_DeliveredInOrderThenDeleted(string protocolVersion)
    {
        await using var context = await StartAsync();
        await context.StartUplinkAsync(context.Options(configure: options => options.ProtocolVersion = protocolVersion));

        var telemetry = await context.AppendAsync(OutboxLane.Telemetry, 120);
        var events = await context.AppendAsync(OutboxLane.Events, 7, firstValue: 1000);
        var alarms = await context.AppendAsync(OutboxLane.Alarms, 3, firstValue: 2000);

        await context.Subscriber.WaitUntilAsync(
            subscriber => subscriber.SequencesOn("telemetry").Count >= 120 && subscriber.SequencesOn("alarms").Count >= 3 && subscriber.SequencesOn("events").Count >= 7,
            "all records");
        await WaitUntilAsync(() => context.Pending == 0, "an empty outbox");
        await context.Subscriber.WaitUntilAsync(
            subscriber => subscriber.SequencesOn("telemetry").Count >= telemetry.Count
                && subscriber.SequencesOn("events").Count >= events.Count
                && subscriber.SequencesOn("alarms").Count >= alarms.Count,
            "every record at the subscriber");

        Assert.Equal(telemetry, context.Subscriber.SequencesOn("telemetry"));
        Assert.Equal(events, context.Subscriber.SequencesOn("events"));
        Assert.Equal(alarms, context.Subscriber.SequencesOn("alarms"));
        Assert.All(context.Subscriber.On("telemetry"), message => Assert.True(message.Sequences().Count <= 25));
        Assert.Equal(130, context.Uplink.State.RecordsSent);
        Assert.Equal(UplinkConnectionState.Connected, context.Uplink.State.Connection);
        context.UplinkLogger.AssertNoErrors();
    }

    [Fact]
    public async Task Batch_CarriesPayloadUnchanged()
    {
        await using var context = await StartAsync();
        await context.StartUplinkAsync(context.Options());

        var payload = """{"point":"bldgA-2F-201.co2","value":812.5,"quality":"good","note":"二氧化碳"}""";
        var sequence = await context.Outbox.AppendAsync(OutboxLane.Telemetry, "sample", OutboxTestContextJson(payload), CancellationToken.None);

        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("telemetry").Count > 0, "the batch");
        var message = context.Subscriber.On("telemetry")[0];
        using var batch = message.Json();
        var root = batch.RootElement;
        var record = root.GetProperty("records")[0];

        Assert.Equal($"district/{School}/{Gateway}/telemetry", message.Topic);
        Assert.False(message.Retain);
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(School, root.GetProperty("school").GetString());
        Assert.Equal(Gateway, root.GetProperty("gateway").GetString());
        Assert.Equal("telemetry", root.GetProperty("lane").GetString());
        Assert.Equal(sequence, record.GetProperty("sequence").GetInt64());
        Assert.Equal("sample", record.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.String, record.GetProperty("createdAt").ValueKind);
        Assert.Contains(payload, message.Text, StringComparison.Ordinal);
        Assert.Equal("二氧化碳", record.GetProperty("payload").GetProperty("note").GetString());
    }

    [Fact]
    public async Task Alarms_SentBeforeWaitingTelemetry()
    {
        await using var context = await StartAsync();
        await context.AppendAsync(OutboxLane.Telemetry, 200);
        var alarm = await context.AppendAsync(OutboxLane.Alarms, 1, firstValue: 500);

        await context.StartUplinkAsync(context.Options());
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.SequencesOn("telemetry").Count >= 200, "the telemetry");

        var lanes = context.Subscriber.Messages.Where(message => !message.Topic.EndsWith("/status", StringComparison.Ordinal)).Select(message => message.Topic).ToList();
        Assert.EndsWith("/alarms", lanes[0], StringComparison.Ordinal);
        Assert.Equal(alarm, context.Subscriber.SequencesOn("alarms"));
    }

    [Fact]
    public async Task Status_RetainedOnlineThenOfflineOnStop()
    {
        await using var context = await StartAsync();
        await context.AppendAsync(OutboxLane.Events, 2);
        var uplink = await context.StartUplinkAsync(context.Options());

        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("status").Count > 0, "the online status");
        using (var online = context.Subscriber.On("status")[0].Json())
        {
            Assert.Equal("online", online.RootElement.GetProperty("status").GetString());
            Assert.Equal(2, online.RootElement.GetProperty("backlog").GetProperty("events").GetInt64());
            Assert.Equal(0, online.RootElement.GetProperty("dropped").GetProperty("telemetry").GetInt64());
        }

        await uplink.StopAsync(CancellationToken.None);

        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("status").Count > 1, "the offline status");
        using (var offline = context.Subscriber.On("status")[^1].Json())
        {
            Assert.Equal("offline", offline.RootElement.GetProperty("status").GetString());
            Assert.Equal("shutdown", offline.RootElement.GetProperty("reason").GetString());
        }

        // A subscriber that arrives later gets the retained status.
        await using var late = await Support.DistrictSubscriber.StartAsync(context.Broker.Host, context.Broker.Port, $"district/{School}/{Gateway}/status");
        await late.WaitUntilAsync(subscriber => subscriber.Messages.Count > 0, "the retained status");
        Assert.True(late.Messages[0].Retain);
        Assert.Contains("\"offline\"", late.Messages[0].Text, StringComparison.Ordinal);
        Assert.Equal(UplinkConnectionState.Disconnected, uplink.State.Connection);
    }

    private static byte[] OutboxTestContextJson(string text) => Outbox.OutboxTestContext.Json(text);
}
