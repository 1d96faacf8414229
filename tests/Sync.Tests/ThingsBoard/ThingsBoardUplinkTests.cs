using System.Text.Json;
using SmartCampus.Edge.Sync.Downlink;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Tests.Support;
using SmartCampus.Edge.Sync.ThingsBoard;
using SmartCampus.Edge.Sync.Uplink;
using SmartCampus.Edge.TestPeers;
using static SmartCampus.Edge.Sync.Tests.ThingsBoard.ThingsBoardTestContext;

namespace SmartCampus.Edge.Sync.Tests.ThingsBoard;

public sealed class ThingsBoardUplinkTests
{
    private const string Sample = """{"point":"bldgA-2F-201.co2","value":812.5,"quality":"good","time":"2025-09-01T08:00:00.004+00:00"}""";

    [Fact]
    public async Task Connect_AnnouncesDevicesAndSendsTelemetry()
    {
        await using var context = await StartAsync();
        var sequence = await context.AppendAsync(OutboxLane.Telemetry, "sample", Sample);
        await context.StartUplinkAsync(context.Options(), context.ThingsBoardOptions());

        await context.Subscriber.WaitUntilAsync(_ => context.On(ThingsBoardTopics.Telemetry).Count >= 1, "device telemetry");
        await WaitAsync(() => context.Pending == 0, "an empty outbox");

        var connects = context.On(ThingsBoardTopics.Connect);
        Assert.Contains(connects, connect => connect.GetProperty("device").GetString() == "school-042/bldgA-2F-201" && connect.GetProperty("type").GetString() == "modbus-tcp");
        Assert.Contains(connects, connect => connect.GetProperty("device").GetString() == "school-042/gate-east" && connect.GetProperty("type").GetString() == "access-gate");

        var telemetry = context.On(ThingsBoardTopics.Telemetry).Single();
        var entry = telemetry.GetProperty("school-042/bldgA-2F-201").EnumerateArray().Single();
        Assert.Equal(1756713600004, entry.GetProperty("ts").GetInt64());
        Assert.Equal(812.5, entry.GetProperty("values").GetProperty("co2").GetDouble());
        Assert.Equal(sequence, entry.GetProperty("values").GetProperty("edgeSequence").GetInt64());
        Assert.Equal("school-042/gw-01", entry.GetProperty("values").GetProperty("edgeGateway").GetString());

        var attributes = context.On(ThingsBoardTopics.GatewayAttributes).First();
        Assert.Equal(Gateway, attributes.GetProperty("gateway").GetString());
        var status = context.On(ThingsBoardTopics.GatewayTelemetry).First().GetProperty("values");
        Assert.Equal("online", status.GetProperty("status").GetString());
        Assert.True(status.TryGetProperty("backlog.telemetry", out _), "the heartbeat has no backlog.telemetry");

        // The token is the MQTT user name (Mosquitto logs it as u'...'), and never in the gateway's log.
        Assert.Contains($"u'{Token}'", context.Broker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(context.Logger.Entries, logEntry => logEntry.Message.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alarm_SentBeforeTelemetryBacklog()
    {
        await using var context = await StartAsync();
        for (var i = 0; i < 200; i++)
        {
            await context.AppendAsync(OutboxLane.Telemetry, "sample", Sample);
        }

        var alarm = await context.AppendAsync(OutboxLane.Alarms, "alarm-raised",
            """{"alarmId":"a-1","rule":"co2-high","point":"bldgA-2F-201.co2","severity":"major","state":"raised","message":{"zh-CN":"二氧化碳过高","en":"CO2 high"}}""");
        await context.StartUplinkAsync(context.Options(), context.ThingsBoardOptions());

        await WaitAsync(() => context.Pending == 0, "an empty outbox");
        await context.Subscriber.WaitUntilAsync(_ => context.TelemetrySequences().Distinct().Count() >= 201, "every record");

        var sequences = context.TelemetrySequences();
        Assert.Equal(alarm, sequences[0]);
        var first = context.On(ThingsBoardTopics.Telemetry)[0].GetProperty("school-042/bldgA-2F-201")[0].GetProperty("values");
        Assert.Equal("co2-high", first.GetProperty("alarmRule").GetString());
        Assert.Equal("raised", first.GetProperty("alarmState").GetString());
        Assert.Equal(8, context.On(ThingsBoardTopics.Telemetry).Count(message => message.ToString().Contains("\"co2\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PubackLost_RecordsKeptAndResent()
    {
        await using var context = await StartAsync();
        await using var proxy = new MqttCuttingProxy(context.Broker.Port);
        await context.StartUplinkAsync(context.Options(proxy.Port, options => options.PublishTimeout = TimeSpan.FromMilliseconds(500)), context.ThingsBoardOptions());
        await context.Subscriber.WaitUntilAsync(_ => context.On(ThingsBoardTopics.GatewayTelemetry).Count > 0, "the first heartbeat");

        proxy.DropPubacks = true;
        var sequence = await context.AppendAsync(OutboxLane.Telemetry, "sample", Sample);
        await context.Subscriber.WaitUntilAsync(_ => context.TelemetrySequences().Count >= 1, "the first delivery");
        Assert.Equal(1, context.Pending);

        proxy.DropPubacks = false;
        await WaitAsync(() => context.Pending == 0, "the record to be resent and acknowledged");
        await context.Subscriber.WaitUntilAsync(_ => context.TelemetrySequences().Count >= 2, "the resend");

        Assert.True(proxy.DroppedPubacks >= 1, "no PUBACK was dropped");
        Assert.All(context.TelemetrySequences(), received => Assert.Equal(sequence, received));
        Assert.True(context.Logger.Has(4132), "the failed publish was not logged");
    }

    [Fact]
    public async Task BrokerRestart_EveryRecordDelivered()
    {
        await using var context = await StartAsync(new MosquittoBrokerOptions { Persistence = true });
        await context.StartUplinkAsync(context.Options(), context.ThingsBoardOptions());
        var before = await context.AppendAsync(OutboxLane.Telemetry, "sample", Sample);
        await WaitAsync(() => context.Pending == 0, "an empty outbox before the outage");
        await context.Subscriber.WaitUntilAsync(_ => context.TelemetrySequences().Count >= 1, "the record sent before the outage");

        await context.Broker.SavePersistenceAsync();
        await context.Broker.StopAsync(graceful: false);
        await WaitAsync(() => context.Uplink.State.Connection != UplinkConnectionState.Connected, "the uplink to notice the outage");

        var during = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            during.Add(await context.AppendAsync(OutboxLane.Telemetry, "sample", Sample));
        }

        // Without a broker there is no PUBACK, so nothing may leave the outbox.
        await Task.Delay(300);
        Assert.Equal(30, context.Pending);

        await context.Broker.StartAgainAsync();
        await WaitAsync(() => context.Pending == 0, "an empty outbox after the outage");
        await context.Subscriber.WaitUntilAsync(_ => context.TelemetrySequences().Distinct().Count() >= 31, "the records sent after the outage");

        Assert.Equal([before, .. during], context.TelemetrySequences().Distinct().Order());
        Assert.True(context.On(ThingsBoardTopics.Connect).Count >= 4, "the devices were not announced again after the reconnect");
    }

    [Fact]
    public async Task OversizedRecord_DeadLettered()
    {
        var broker = new MosquittoBrokerOptions();
        broker.ExtraConfigLines.Add("max_packet_size 4096");
        await using var context = await StartAsync(broker);
        var large = await context.AppendAsync(OutboxLane.Alarms, "gateway-fault",
            "{\"fault\":\"outbox-replaced\",\"severity\":\"major\",\"message\":{\"en\":\"" + new string('x', 8000) + "\"}}");
        var small = await context.AppendAsync(OutboxLane.Alarms, "gateway-fault", """{"fault":"outbox-replaced","severity":"major"}""");
        await context.StartUplinkAsync(context.Options(), context.ThingsBoardOptions());

        await WaitAsync(() => context.Pending == 0, "an empty outbox");
        await context.Subscriber.WaitUntilAsync(
            _ => context.On(ThingsBoardTopics.GatewayTelemetry).Any(message => message.ValueKind == JsonValueKind.Array), "the small alarm");

        Assert.Equal(1, context.Outbox.DeadLetteredCount(OutboxLane.Alarms));
        var delivered = context.On(ThingsBoardTopics.GatewayTelemetry)
            .Where(message => message.ValueKind == JsonValueKind.Array)
            .SelectMany(message => message.EnumerateArray())
            .Select(entry => entry.GetProperty("values").GetProperty("edgeSequence").GetInt64())
            .ToList();
        Assert.Equal([small], delivered);
        Assert.DoesNotContain(large, delivered);
        Assert.True(context.Logger.Has(4135), "the dead letter was not logged");
    }

    [Fact]
    public async Task Rpc_RoundTripRunsOncePerId()
    {
        await using var context = await StartAsync();
        var handler = new RecordingCommandHandler();
        await context.StartUplinkAsync(context.Options(), context.ThingsBoardOptions(options => options.RpcEnabled = true), handler);
        await context.Subscriber.WaitUntilAsync(_ => context.On(ThingsBoardTopics.GatewayTelemetry).Count > 0, "the first heartbeat");

        const string request = """{"device":"school-042/gate-east","data":{"id":7,"method":"gate","params":{"command":"openOnce"}}}""";
        await context.PublishAsServerAsync(ThingsBoardTopics.Rpc, request);
        await context.Subscriber.WaitUntilAsync(_ => Replies(context).Count >= 1, "the RPC reply");
        await context.PublishAsServerAsync(ThingsBoardTopics.Rpc, request);
        await context.Subscriber.WaitUntilAsync(_ => Replies(context).Count >= 2, "the reply to the duplicate");

        var command = Assert.Single(handler.Commands);
        Assert.Equal("gate", command.Type);
        Assert.Equal("gate-east", command.Payload.GetProperty("gate").GetString());
        Assert.Equal("openOnce", command.Payload.GetProperty("command").GetString());

        var replies = Replies(context);
        Assert.Equal("school-042/gate-east", replies[0].GetProperty("device").GetString());
        Assert.Equal(7, replies[0].GetProperty("id").GetInt32());
        Assert.True(replies[0].GetProperty("data").GetProperty("success").GetBoolean());
        Assert.Equal("duplicate", replies[1].GetProperty("data").GetProperty("status").GetString());
        Assert.False(replies[1].GetProperty("data").GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Rpc_InterlockAndUnknownMethodAnsweredWithError()
    {
        await using var context = await StartAsync();
        var handler = new RecordingCommandHandler();
        handler.Results["gate"] = DownlinkResult.Rejected("a life-safety rule holds gate-east open");
        await context.StartUplinkAsync(context.Options(), context.ThingsBoardOptions(options => options.RpcEnabled = true), handler);
        await context.Subscriber.WaitUntilAsync(_ => context.On(ThingsBoardTopics.GatewayTelemetry).Count > 0, "the first heartbeat");

        await context.PublishAsServerAsync(ThingsBoardTopics.Rpc, """{"device":"school-042/gate-east","data":{"id":1,"method":"gate","params":{"command":"locked"}}}""");
        await context.PublishAsServerAsync(ThingsBoardTopics.Rpc, """{"device":"school-042/gate-east","data":{"id":2,"method":"reboot","params":{}}}""");
        await context.PublishAsServerAsync("v1/devices/me/rpc/request/9", """{"method":"notice","params":{"text":{"zh-CN":"放学","en":"School is out"}}}""");
        await context.Subscriber.WaitUntilAsync(_ => Replies(context).Count >= 2 && context.On("v1/devices/me/rpc/response/9").Count >= 1, "three replies");

        var replies = Replies(context);
        var interlocked = replies.Single(reply => reply.GetProperty("id").GetInt32() == 1).GetProperty("data");
        Assert.Equal("rejected", interlocked.GetProperty("status").GetString());
        Assert.Contains("life-safety", interlocked.GetProperty("error").GetString(), StringComparison.Ordinal);

        var unknown = replies.Single(reply => reply.GetProperty("id").GetInt32() == 2).GetProperty("data");
        Assert.False(unknown.GetProperty("success").GetBoolean());
        Assert.Contains("unknown method 'reboot'", unknown.GetProperty("error").GetString(), StringComparison.Ordinal);

        var notice = context.On("v1/devices/me/rpc/response/9").Single();
        Assert.True(notice.GetProperty("success").GetBoolean());
        var noticeCommand = handler.Commands.Single(command => command.Type == "notice");
        Assert.Equal("all", noticeCommand.Payload.GetProperty("target").GetString());
        Assert.DoesNotContain(handler.Commands, command => command.Type == "reboot");
    }

    /// <summary>Replies on v1/gateway/rpc: the messages there that carry a top-level "id", unlike requests.</summary>
    private static List<JsonElement> Replies(ThingsBoardTestContext context) =>
        context.On(ThingsBoardTopics.Rpc).Where(message => message.TryGetProperty("id", out _)).ToList();

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(15))
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }
}
