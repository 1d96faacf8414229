using System.Buffers;
using System.Text.Json;
using SmartCampus.Edge.Sync.Downlink;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Status;
using SmartCampus.Edge.Sync.ThingsBoard;
using SmartCampus.Edge.Sync.Uplink;
using static SmartCampus.Edge.Sync.Tests.Outbox.OutboxTestContext;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

public sealed class DistrictPayloadsTests
{
    private static readonly DateTimeOffset SentAt = new(2025, 9, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Batch_EmbedsPayloadsAsJson()
    {
        var records = new[]
        {
            new OutboxRecord(41, OutboxLane.Events, "door.forced", Json("""{"door":"gate-1","at":"2025-09-01T07:59:58Z"}"""), SentAt.AddSeconds(-2)),
            new OutboxRecord(43, OutboxLane.Events, "card.swipe", Json("""[1,2,3]"""), SentAt.AddSeconds(-1)),
        };
        var invalid = new List<long>();

        var bytes = DistrictPayloads.Batch("school-042", "gw-01", OutboxLane.Events, records, SentAt, (record, _) => invalid.Add(record.Sequence));

        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("events", root.GetProperty("lane").GetString());
        Assert.Equal(SentAt, root.GetProperty("sentAt").GetDateTimeOffset());

        var first = root.GetProperty("records")[0];
        Assert.Equal(41, first.GetProperty("sequence").GetInt64());
        Assert.Equal("door.forced", first.GetProperty("type").GetString());
        Assert.Equal(SentAt.AddSeconds(-2), first.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal("gate-1", first.GetProperty("payload").GetProperty("door").GetString());
        Assert.Equal(3, root.GetProperty("records")[1].GetProperty("payload").GetArrayLength());
        Assert.Empty(invalid);
    }

    [Fact]
    public void Batch_DamagedPayloadGoesAsBase64()
    {
        var damaged = new byte[] { (byte)'{', 0xFF, (byte)'}' };
        var records = new[] { new OutboxRecord(7, OutboxLane.Telemetry, "sample", damaged, SentAt) };
        var invalid = new List<long>();

        var bytes = DistrictPayloads.Batch("school-042", "gw-01", OutboxLane.Telemetry, records, SentAt, (record, _) => invalid.Add(record.Sequence));

        using var document = JsonDocument.Parse(bytes);
        var record = document.RootElement.GetProperty("records")[0];
        Assert.Equal(damaged, record.GetProperty("payloadBase64").GetBytesFromBase64());
        Assert.False(record.TryGetProperty("payload", out _));
        Assert.Equal([7L], invalid);
    }

    [Fact]
    public void WriteBatch_ReusedBuffer_SameBytes()
    {
        var large = Enumerable.Range(1, 50)
            .Select(sequence => new OutboxRecord(sequence, OutboxLane.Telemetry, "sample", Json(sequence), SentAt))
            .ToArray();
        var small = new[] { new OutboxRecord(51, OutboxLane.Telemetry, "sample", Json(51), SentAt) };
        var buffer = new ArrayBufferWriter<byte>();

        DistrictPayloads.WriteBatch(buffer, "school-042", "gw-01", OutboxLane.Telemetry, large, SentAt, (_, _) => { });
        DistrictPayloads.WriteBatch(buffer, "school-042", "gw-01", OutboxLane.Telemetry, small, SentAt, (_, _) => { });

        var expected = DistrictPayloads.Batch("school-042", "gw-01", OutboxLane.Telemetry, small, SentAt, (_, _) => { });
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Status_WillHasNoBacklog()
    {
        var bytes = DistrictPayloads.Status("school-042", "gw-01", DistrictStatus.ConnectionLost);

        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        Assert.Equal("offline", root.GetProperty("status").GetString());
        Assert.Equal("connection-lost", root.GetProperty("reason").GetString());
        Assert.Equal("gw-01", root.GetProperty("gateway").GetString());
        Assert.False(root.TryGetProperty("backlog", out _));
        Assert.False(root.TryGetProperty("at", out _));
    }
    [Fact]
    public void Status_LeftOutDevicesListed()
    {
        var status = DistrictStatus.ConnectionLost with { Gateway = new GatewayStatusSnapshot { DevicesLeftOut = ["air-201", "air-202"] } };

        using var document = JsonDocument.Parse(DistrictPayloads.Status("school-042", "gw-01", status));

        var leftOut = document.RootElement.GetProperty("devices").GetProperty("leftOut");
        Assert.Equal(["air-201", "air-202"], leftOut.EnumerateArray().Select(id => id.GetString()));
    }

    [Fact]
    public void Status_NothingLeftOutNoField()
    {
        var status = DistrictStatus.ConnectionLost with { Gateway = new GatewayStatusSnapshot() };

        using var document = JsonDocument.Parse(DistrictPayloads.Status("school-042", "gw-01", status));

        Assert.False(document.RootElement.GetProperty("devices").TryGetProperty("leftOut", out _));
    }

    [Fact]
    public void ThingsBoardTelemetry_LeftOutDevicesJoined()
    {
        var status = DistrictStatus.ConnectionLost with { Gateway = new GatewayStatusSnapshot { DevicesLeftOut = ["air-201", "air-202"] } };

        var text = System.Text.Encoding.UTF8.GetString(ThingsBoardPayloads.GatewayTelemetry(status, SentAt).Payload);

        Assert.Contains("\"devices.leftOut\":\"air-201,air-202\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandResult_ChineseStaysReadable()
    {
        using var data = JsonDocument.Parse("""{"lines":[{"message":"门禁 g-south 无法执行指令"}]}""");
        var result = new DownlinkResult("ok", "网关将在 2 秒后重启。") { Data = data.RootElement.Clone() };
        var reply = new DownlinkReply("cmd-1", "restart", result);

        var text = System.Text.Encoding.UTF8.GetString(DistrictPayloads.CommandResult("第一小学", "gw-01", reply, SentAt));

        Assert.Contains("\"reason\":\"网关将在 2 秒后重启。\"", text, StringComparison.Ordinal);
        Assert.Contains("\"school\":\"第一小学\"", text, StringComparison.Ordinal);
        Assert.Contains("门禁 g-south 无法执行指令", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_ChineseStaysReadable()
    {
        var text = System.Text.Encoding.UTF8.GetString(DistrictPayloads.Status("第一小学", "gw-01", DistrictStatus.ConnectionLost));

        Assert.Contains("\"school\":\"第一小学\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_MarksClockOfRecord()
    {
        var recordedAt = new DateTimeOffset(1970, 1, 1, 0, 1, 0, TimeSpan.Zero);
        var records = new[]
        {
            new OutboxRecord(1, OutboxLane.Telemetry, "sample", Json("1"), SentAt.AddSeconds(-40)) { Clock = OutboxClockState.Corrected, RecordedAt = recordedAt },
            new OutboxRecord(2, OutboxLane.Telemetry, "sample", Json("2"), recordedAt) { Clock = OutboxClockState.Unsynchronised, RecordedAt = recordedAt },
            new OutboxRecord(3, OutboxLane.Telemetry, "sample", Json("3"), SentAt),
        };

        var bytes = DistrictPayloads.Batch("school-042", "gw-01", OutboxLane.Telemetry, records, SentAt, (_, _) => { });

        using var document = JsonDocument.Parse(bytes);
        var sent = document.RootElement.GetProperty("records");
        Assert.Equal("corrected", sent[0].GetProperty("clock").GetString());
        Assert.Equal(SentAt.AddSeconds(-40), sent[0].GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(recordedAt, sent[0].GetProperty("recordedAt").GetDateTimeOffset());
        Assert.Equal("unsynchronised", sent[1].GetProperty("clock").GetString());
        Assert.False(sent[2].TryGetProperty("clock", out _));
    }
}
