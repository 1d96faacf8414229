using System.Text;
using System.Text.Json;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.ThingsBoard;

namespace SmartCampus.Edge.Sync.Tests.ThingsBoard;

public sealed class ThingsBoardRecordMapperTests
{
    private static readonly DateTimeOffset CreatedAt = new(2025, 9, 1, 8, 0, 1, TimeSpan.Zero);

    private readonly List<OutboxRecord> _invalid = [];

    [Fact]
    public void Samples_GroupedPerDeviceWithPointKeys()
    {
        var mapper = Mapper();
        var messages = mapper.Map(
        [
            Record(10, OutboxLane.Telemetry, "sample", """{"point":"bldgA-2F-201.co2","value":812.5,"quality":"good","time":"2025-09-01T08:00:00.004+00:00"}"""),
            Record(11, OutboxLane.Telemetry, "sample", """{"point":"bldgA-2F-201.temp","value":24.1,"quality":"stale","time":"2025-09-01T08:00:00.512+00:00"}"""),
            Record(12, OutboxLane.Telemetry, "sample", """{"point":"gate-east.open","value":true,"quality":"good","time":"2025-09-01T08:00:00.600+00:00"}"""),
        ]);

        var telemetry = Single(messages, ThingsBoardTopics.Telemetry);
        var room = telemetry.GetProperty("school-042/bldgA-2F-201").EnumerateArray().ToList();
        Assert.Equal(2, room.Count);
        Assert.Equal(1756713600004, room[0].GetProperty("ts").GetInt64());
        Assert.Equal(812.5, room[0].GetProperty("values").GetProperty("co2").GetDouble());
        Assert.False(room[0].GetProperty("values").TryGetProperty("co2.quality", out _), "a good quality was written");
        Assert.Equal("stale", room[1].GetProperty("values").GetProperty("temp.quality").GetString());
        Assert.Equal(11, room[1].GetProperty("values").GetProperty("edgeSequence").GetInt64());
        Assert.Equal("school-042/gw-01", room[1].GetProperty("values").GetProperty("edgeGateway").GetString());
        Assert.True(telemetry.GetProperty("school-042/gate-east")[0].GetProperty("values").GetProperty("open").GetBoolean());
    }

    [Fact]
    public void UnknownDevice_AnnouncedOnceWithDefaultType()
    {
        var mapper = Mapper();
        var messages = mapper.Map(
        [
            Record(1, OutboxLane.Telemetry, "sample", """{"point":"lab-3.ph","value":7}"""),
            Record(2, OutboxLane.Telemetry, "sample", """{"point":"lab-3.ph","value":7.1}"""),
        ]);
        var again = mapper.Map([Record(3, OutboxLane.Telemetry, "sample", """{"point":"lab-3.ph","value":7.2}""")]);

        var connect = Single(messages, ThingsBoardTopics.Connect);
        Assert.Equal("school-042/lab-3", connect.GetProperty("device").GetString());
        Assert.Equal("default", connect.GetProperty("type").GetString());
        Assert.Equal(ThingsBoardTopics.Connect, messages[0].Topic);
        Assert.DoesNotContain(again, message => message.Topic == ThingsBoardTopics.Connect);
    }

    [Fact]
    public void OnlineOffline_ConnectAndDisconnectInLaneOrder()
    {
        var mapper = Mapper();
        var messages = mapper.Map(
        [
            Record(1, OutboxLane.Events, "event", """{"device":"gate-east","event":"card.swipe","time":"2025-09-01T08:00:00Z","attributes":{"card":"0042"}}"""),
            Record(2, OutboxLane.Events, "event", """{"device":"bldgA-2F-201","event":"offline","time":"2025-09-01T08:00:01Z"}"""),
            Record(3, OutboxLane.Events, "event", """{"device":"bldgA-2F-201","event":"online","time":"2025-09-01T08:00:02Z"}"""),
        ]);

        Assert.Equal(
            [ThingsBoardTopics.Connect, ThingsBoardTopics.Telemetry, ThingsBoardTopics.Disconnect, ThingsBoardTopics.Attributes, ThingsBoardTopics.Connect, ThingsBoardTopics.Attributes],
            messages.Select(message => message.Topic));
        var swipe = Parse(messages[1]).GetProperty("school-042/gate-east")[0].GetProperty("values");
        Assert.Equal("card.swipe", swipe.GetProperty("event").GetString());
        Assert.Equal("0042", swipe.GetProperty("event.card").GetString());
        Assert.Equal("school-042/bldgA-2F-201", Parse(messages[2]).GetProperty("device").GetString());
        Assert.Equal("modbus-tcp", Parse(messages[4]).GetProperty("type").GetString());

        // Client attributes carry the online state and the event's own time.
        var offline = Parse(messages[3]).GetProperty("school-042/bldgA-2F-201");
        Assert.False(offline.GetProperty("online").GetBoolean());
        Assert.Equal(1756713601000, offline.GetProperty("onlineChangedAt").GetInt64());
        var online = Parse(messages[5]).GetProperty("school-042/bldgA-2F-201");
        Assert.True(online.GetProperty("online").GetBoolean());
        Assert.Equal(1756713602000, online.GetProperty("onlineChangedAt").GetInt64());
    }

    [Fact]
    public void AnnounceAll_ConnectsConfiguredAndDisconnectsOffline()
    {
        var mapper = Mapper();
        mapper.Map([Record(1, OutboxLane.Events, "event", """{"device":"gate-east","event":"offline"}""")]);

        var messages = mapper.AnnounceAll();

        var connected = messages.Where(message => message.Topic == ThingsBoardTopics.Connect).Select(message => Parse(message).GetProperty("device").GetString()).ToList();
        Assert.Equal(["school-042/bldgA-2F-201", "school-042/gate-east"], connected);
        var attributes = Single(messages, ThingsBoardTopics.Attributes);
        Assert.Equal("gate-east", attributes.GetProperty("school-042/gate-east").GetProperty("campusDevice").GetString());
        Assert.Equal("access-gate", attributes.GetProperty("school-042/gate-east").GetProperty("deviceKind").GetString());
        Assert.Equal("school-042/gate-east", Single(messages, ThingsBoardTopics.Disconnect).GetProperty("device").GetString());
        Assert.Equal(ThingsBoardTopics.Disconnect, messages[^1].Topic);
    }

    [Fact]
    public void Alarm_DeviceTelemetryWithFlatKeys()
    {
        var messages = Mapper().Map(
        [
            Record(5, OutboxLane.Alarms, "alarm-raised",
                """{"alarmId":"a-1","rule":"co2-high","point":"bldgA-2F-201.co2","severity":"major","state":"raised","message":{"zh-CN":"二氧化碳过高","en":"CO2 high"}}"""),
        ]);

        var entry = Single(messages, ThingsBoardTopics.Telemetry).GetProperty("school-042/bldgA-2F-201")[0];
        var values = entry.GetProperty("values");
        Assert.Equal(CreatedAt.ToUnixTimeMilliseconds(), entry.GetProperty("ts").GetInt64());
        Assert.Equal("alarm-raised", values.GetProperty("alarmType").GetString());
        Assert.Equal("co2-high", values.GetProperty("alarmRule").GetString());
        Assert.Equal("major", values.GetProperty("alarmSeverity").GetString());
        Assert.Equal("raised", values.GetProperty("alarmState").GetString());
        Assert.Equal("bldgA-2F-201.co2", values.GetProperty("alarmPoint").GetString());
        Assert.Equal("CO2 high", values.GetProperty("alarmMessage").GetProperty("en").GetString());
        Assert.Equal("a-1", values.GetProperty("alarmPayload").GetProperty("alarmId").GetString());
    }

    [Fact]
    public void GatewayFault_GoesToGatewayTelemetry()
    {
        var messages = Mapper().Map([Record(6, OutboxLane.Alarms, "gateway-fault", """{"fault":"outbox-replaced","severity":"major"}""")]);

        var message = Assert.Single(messages);
        Assert.Equal(ThingsBoardTopics.GatewayTelemetry, message.Topic);
        var values = Parse(message)[0].GetProperty("values");
        Assert.Equal("outbox-replaced", values.GetProperty("alarmRule").GetString());
        Assert.Equal(6, values.GetProperty("edgeSequence").GetInt64());
    }

    [Fact]
    public void Summary_MinMaxMeanCountKeys()
    {
        var messages = Mapper().Map(
        [
            Record(7, OutboxLane.Telemetry, "sample.summary",
                """{"point":"bldgA-2F-201.co2","from":"2025-09-01T08:00:00+00:00","to":"2025-09-01T08:01:00+00:00","count":60,"min":640,"max":812.5,"mean":702.3}"""),
        ]);

        var entry = Single(messages, ThingsBoardTopics.Telemetry).GetProperty("school-042/bldgA-2F-201")[0];
        Assert.Equal(1756713600000, entry.GetProperty("ts").GetInt64());
        Assert.Equal(640, entry.GetProperty("values").GetProperty("co2.min").GetDouble());
        Assert.Equal(812.5, entry.GetProperty("values").GetProperty("co2.max").GetDouble());
        Assert.Equal(702.3, entry.GetProperty("values").GetProperty("co2.mean").GetDouble());
        Assert.Equal(60, entry.GetProperty("values").GetProperty("co2.count").GetInt32());
    }

    [Fact]
    public void UnsynchronisedClock_UsesCreatedAtAndMarksEntry()
    {
        var record = new OutboxRecord(8, OutboxLane.Telemetry, "sample", Encoding.UTF8.GetBytes("""{"point":"bldgA-2F-201.co2","value":1,"time":"1970-01-01T00:00:05Z"}"""), CreatedAt)
        {
            Clock = OutboxClockState.Corrected,
        };

        var entry = Single(Mapper().Map([record]), ThingsBoardTopics.Telemetry).GetProperty("school-042/bldgA-2F-201")[0];

        Assert.Equal(CreatedAt.ToUnixTimeMilliseconds(), entry.GetProperty("ts").GetInt64());
        Assert.Equal("corrected", entry.GetProperty("values").GetProperty("edgeClock").GetString());
    }

    [Fact]
    public void OtherEvent_GoesToGatewayWithPayload()
    {
        var messages = Mapper().Map([Record(9, OutboxLane.Events, "configuration-applied", """{"commandId":"cfg-1","version":"4f1c2a9b7d30"}""")]);

        var values = Parse(Assert.Single(messages))[0].GetProperty("values");
        Assert.Equal("configuration-applied", values.GetProperty("event").GetString());
        Assert.Equal("cfg-1", values.GetProperty("eventPayload").GetProperty("commandId").GetString());
    }

    [Fact]
    public void DamagedPayload_SentAsBase64AndReported()
    {
        var record = new OutboxRecord(10, OutboxLane.Telemetry, "sample", [0x7b, 0x22, 0xff], CreatedAt);

        var messages = Mapper().Map([record]);

        var values = Parse(Assert.Single(messages))[0].GetProperty("values");
        Assert.Equal([0x7b, 0x22, 0xff], values.GetProperty("recordBase64").GetBytesFromBase64());
        Assert.Equal([record], _invalid);
    }

    private ThingsBoardRecordMapper Mapper() =>
        new("school-042", "gw-01", new Dictionary<string, string> { ["bldgA-2F-201"] = "modbus-tcp", ["gate-east"] = "access-gate" }, (record, _) => _invalid.Add(record));

    private static OutboxRecord Record(long sequence, OutboxLane lane, string type, string json) =>
        new(sequence, lane, type, Encoding.UTF8.GetBytes(json), CreatedAt);

    private static JsonElement Parse(ThingsBoardMessage message) => JsonDocument.Parse(message.Payload).RootElement.Clone();

    private static JsonElement Single(List<ThingsBoardMessage> messages, string topic) =>
        Parse(Assert.Single(messages, message => message.Topic == topic));
}
