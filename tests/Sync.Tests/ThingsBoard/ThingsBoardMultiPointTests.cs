using System.Text;
using System.Text.Json;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.ThingsBoard;

namespace SmartCampus.Edge.Sync.Tests.ThingsBoard;

/// <summary>Telemetry records that hold several points (one device poll) and their down-sampling summaries.</summary>
public sealed class ThingsBoardMultiPointTests
{
    private static readonly DateTimeOffset CreatedAt = new(2025, 9, 1, 8, 0, 1, TimeSpan.Zero);

    private readonly List<OutboxRecord> _invalid = [];

    [Fact]
    public void Samples_OneEntryPerDeviceAndTime()
    {
        var messages = Mapper().Map(
        [
            Record(20, "samples", """
                {"device":"bldgA-2F-201","samples":[
                  {"point":"bldgA-2F-201.co2","value":812.5,"quality":"good","time":"2025-09-01T08:00:00.004+00:00"},
                  {"point":"bldgA-2F-201.temp","value":24.1,"quality":"stale","time":"2025-09-01T08:00:00.004+00:00"},
                  {"point":"bldgA-2F-201.rh","value":null,"quality":"bad","time":"2025-09-01T08:00:00.009+00:00"}]}
                """),
            Record(21, "samples", """{"device":"gate-east","samples":[{"point":"gate-east.open","value":true,"quality":"good","time":"2025-09-01T08:00:00.600+00:00"}]}"""),
        ]);

        var telemetry = Single(messages, ThingsBoardTopics.Telemetry);
        var room = telemetry.GetProperty("school-042/bldgA-2F-201").EnumerateArray().ToList();
        Assert.Equal([1756713600004, 1756713600009], room.Select(entry => entry.GetProperty("ts").GetInt64()));
        var first = room[0].GetProperty("values");
        Assert.Equal(812.5, first.GetProperty("co2").GetDouble());
        Assert.Equal(24.1, first.GetProperty("temp").GetDouble());
        Assert.Equal("stale", first.GetProperty("temp.quality").GetString());
        Assert.Equal(20, first.GetProperty("edgeSequence").GetInt64());
        Assert.False(room[1].GetProperty("values").TryGetProperty("rh", out _), "a null value was written");
        Assert.Equal("bad", room[1].GetProperty("values").GetProperty("rh.quality").GetString());
        Assert.Equal(20, room[1].GetProperty("values").GetProperty("edgeSequence").GetInt64());
        Assert.True(telemetry.GetProperty("school-042/gate-east")[0].GetProperty("values").GetProperty("open").GetBoolean());
        Assert.Empty(_invalid);
    }

    [Fact]
    public void Summary_FiguresOfEveryPoint()
    {
        var messages = Mapper().Map(
        [
            Record(30, "samples.summary", """
                {"from":"2025-09-01T08:00:00+00:00","to":"2025-09-01T08:01:00+00:00","records":12,"firstSequence":30,"lastSequence":41,
                 "points":[{"point":"bldgA-2F-201.co2","count":12,"min":640,"max":812.5,"mean":702.3},{"point":"bldgA-2F-201.temp","count":11,"min":23.9,"max":24.1,"mean":24}]}
                """),
        ]);

        var entry = Single(messages, ThingsBoardTopics.Telemetry).GetProperty("school-042/bldgA-2F-201").EnumerateArray().Single();
        Assert.Equal(1756713600000, entry.GetProperty("ts").GetInt64());
        var values = entry.GetProperty("values");
        Assert.Equal(640, values.GetProperty("co2.min").GetDouble());
        Assert.Equal(702.3, values.GetProperty("co2.mean").GetDouble());
        Assert.Equal(11, values.GetProperty("temp.count").GetInt32());
        Assert.Equal(24.1, values.GetProperty("temp.max").GetDouble());
        Assert.Equal(30, values.GetProperty("edgeSequence").GetInt64());
    }

    private ThingsBoardRecordMapper Mapper() =>
        new("school-042", "gw-01", new Dictionary<string, string> { ["bldgA-2F-201"] = "modbus-tcp", ["gate-east"] = "access-gate" }, (record, _) => _invalid.Add(record));

    private static OutboxRecord Record(long sequence, string type, string json) =>
        new(sequence, OutboxLane.Telemetry, type, Encoding.UTF8.GetBytes(json), CreatedAt);

    private static JsonElement Single(List<ThingsBoardMessage> messages, string topic) =>
        JsonDocument.Parse(Assert.Single(messages, message => message.Topic == topic).Payload).RootElement.Clone();
}
