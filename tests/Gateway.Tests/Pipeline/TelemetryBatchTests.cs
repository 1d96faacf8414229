using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.Tests.Pipeline;

/// <summary>Telemetry records of one pipeline pass, appended to a real outbox file in a temporary folder.</summary>
public sealed class TelemetryBatchTests : IDisposable
{
    private static readonly DateTimeOffset ReadAt = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-telemetry-batch-").FullName;

    private readonly OutboxStore _outbox;

    private readonly UnstoredRecords _unstored = new(new GatewayClock(TimeProvider.System, "boot-1"), NullLogger<UnstoredRecords>.Instance);

    public TelemetryBatchTests() =>
        _outbox = new OutboxStore(
            new OutboxOptions { DatabasePath = Path.Combine(_directory, "outbox.db"), TelemetryCommitWindow = TimeSpan.Zero },
            new FakeTimeProvider(ReadAt),
            NullLogger<OutboxStore>.Instance);

    public void Dispose()
    {
        _outbox.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static Sample Read(string point, PointValue value, Quality quality = Quality.Good, int milliseconds = 0, DateTimeOffset? sourceTime = null) =>
        new(PointId.Parse(point), value, quality, ReadAt.AddMilliseconds(milliseconds), new MonotonicStamp("boot-1", TimeSpan.FromSeconds(90) + TimeSpan.FromMilliseconds(milliseconds)), sourceTime);

    private async Task<List<(OutboxRecord Record, JsonElement Payload)>> AppendAsync(TelemetryBatch batch)
    {
        var pending = new List<Task<long>>();
        batch.AppendTo(_outbox, _unstored, pending);
        await Task.WhenAll(pending);
        return _outbox.PeekOldest(OutboxLane.Telemetry, 1000)
            .Select(record => (record, JsonDocument.Parse(record.Payload).RootElement.Clone()))
            .ToList();
    }

    [Fact]
    public async Task AppendTo_OneRecordPerDevice()
    {
        var batch = new TelemetryBatch();
        batch.Add(Read("room-201-air.co2", PointValue.FromNumber(812.5)));
        batch.Add(Read("hall-air.co2", PointValue.FromNumber(640)));
        batch.Add(Read("room-201-air.temp", PointValue.FromNumber(24.1), milliseconds: 3, sourceTime: ReadAt.AddSeconds(-1)));

        var records = await AppendAsync(batch);

        Assert.Equal(0, batch.Count);
        Assert.Equal(2, records.Count);
        Assert.All(records, record => Assert.Equal("samples", record.Record.Type));
        var room = records[0].Payload;
        Assert.Equal("room-201-air", room.GetProperty("device").GetString());
        var samples = room.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(["room-201-air.co2", "room-201-air.temp"], samples.Select(sample => sample.GetProperty("point").GetString()));
        Assert.Equal(24.1, samples[1].GetProperty("value").GetDouble());
        Assert.Equal("good", samples[1].GetProperty("quality").GetString());
        Assert.Equal(ReadAt.AddMilliseconds(3), samples[1].GetProperty("time").GetDateTimeOffset());
        Assert.Equal(ReadAt.AddSeconds(-1), samples[1].GetProperty("sourceTime").GetDateTimeOffset());
        Assert.Equal("boot-1", samples[1].GetProperty("monotonic").GetProperty("bootId").GetString());
        Assert.Equal(90_003, samples[1].GetProperty("monotonic").GetProperty("elapsedMs").GetInt64());
        Assert.Equal("hall-air", records[1].Payload.GetProperty("device").GetString());
    }

    [Fact]
    public async Task AppendTo_KeepsOtherSamplesInTheirOwnRecord()
    {
        var time = new FakeTimeProvider(ReadAt);
        var options = new OutboxOptions
        {
            DatabasePath = Path.Combine(_directory, "downsampled.db"),
            TelemetryCommitWindow = TimeSpan.Zero,
            Downsampling = new MinMaxMeanDownsampling(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1)),
        };
        using var outbox = new OutboxStore(options, time, NullLogger<OutboxStore>.Instance);
        var batch = new TelemetryBatch();
        for (var poll = 0; poll < 2; poll++)
        {
            batch.Add(Read("panel.level", PointValue.FromNumber(10 + poll)));
            batch.Add(Read("panel.fault", PointValue.FromBoolean(true)));
            batch.Add(Read("panel.flow", PointValue.None, Quality.Bad));
            var pending = new List<Task<long>>();
            batch.AppendTo(outbox, _unstored, pending);
            await Task.WhenAll(pending);
        }

        Assert.Equal(4, outbox.Count(OutboxLane.Telemetry));
        time.Advance(TimeSpan.FromMinutes(30));
        await outbox.AppendAsync(OutboxLane.Events, "door.opened", "{}"u8.ToArray(), CancellationToken.None);

        // The two numeric records become one summary; the records of the boolean and the bad sample stay whole.
        var records = outbox.PeekOldest(OutboxLane.Telemetry, 10);
        Assert.Equal(["samples.summary", "samples", "samples"], records.Select(record => record.Type));
        var kept = records.Skip(1).Select(record => JsonDocument.Parse(record.Payload).RootElement.GetProperty("samples")).ToList();
        Assert.All(kept, samples => Assert.Equal(["panel.fault", "panel.flow"], samples.EnumerateArray().Select(sample => sample.GetProperty("point").GetString())));
        Assert.Equal(JsonValueKind.Null, kept[0][1].GetProperty("value").ValueKind);
        Assert.Equal("bad", kept[0][1].GetProperty("quality").GetString());
    }

    [Fact]
    public async Task AppendTo_SplitsLargePollsBelowTheRecordLimit()
    {
        var batch = new TelemetryBatch();
        var text = new string('x', 300);
        for (var point = 0; point < 200; point++)
        {
            batch.Add(Read($"board.p{point:D3}", PointValue.FromText(text)));
        }

        var records = await AppendAsync(batch);

        Assert.True(records.Count > 1, "200 samples of 300 characters should not fit one record");
        Assert.All(records, record => Assert.InRange(record.Record.Payload.Length, 1, TelemetryBatch.MaxRecordBytes));
        var points = records.SelectMany(record => record.Payload.GetProperty("samples").EnumerateArray()).Select(sample => sample.GetProperty("point").GetString());
        Assert.Equal(Enumerable.Range(0, 200).Select(point => $"board.p{point:D3}"), points);
    }

    [Fact]
    public async Task AppendTo_OversizedSampleGoesAlone()
    {
        var batch = new TelemetryBatch();
        batch.Add(Read("board.small", PointValue.FromNumber(1)));
        batch.Add(Read("board.notice", PointValue.FromText(new string('y', TelemetryBatch.MaxRecordBytes))));
        batch.Add(Read("board.after", PointValue.FromNumber(2)));

        var records = await AppendAsync(batch);

        Assert.Equal(
            [["board.small", "board.after"], ["board.notice"]],
            records.Select(record => record.Payload.GetProperty("samples").EnumerateArray().Select(sample => sample.GetProperty("point").GetString()!).ToArray()));
    }

    [Fact]
    public void SerializeSamples_IsValidJsonAtEveryCut()
    {
        var samples = Enumerable.Range(0, 50).Select(point => Read($"d.p{point}", PointValue.FromNumber(point))).ToList();

        // One buffer for every cut, as TelemetryBatch uses it. Each cut overwrites the sample that did not fit in the one before.
        var buffer = new ArrayBufferWriter<byte>(16);
        var start = 0;
        var cuts = 0;
        while (start < samples.Count)
        {
            var payload = RecordJson.SerializeSamples("d", samples, start, 1000, buffer, out var written);
            Assert.InRange(payload.Length, 1, 1000);
            using var document = JsonDocument.Parse(payload);
            Assert.Equal(written, document.RootElement.GetProperty("samples").GetArrayLength());
            Assert.Equal($"d.p{start}", document.RootElement.GetProperty("samples")[0].GetProperty("point").GetString());
            Assert.Equal($"d.p{start + written - 1}", document.RootElement.GetProperty("samples")[written - 1].GetProperty("point").GetString());
            start += written;
            cuts++;
        }

        Assert.True(cuts > 2, Encoding.UTF8.GetString(RecordJson.SerializeSamples("d", samples, 0, 1000, buffer, out _).Span));
    }

    [Fact]
    public void SerializeSamples_ReusedBuffer_SameBytes()
    {
        var samples = Enumerable.Range(0, 50).Select(point => Read($"d.p{point}", PointValue.FromNumber(point))).ToList();
        var reused = new ArrayBufferWriter<byte>(16);
        _ = RecordJson.SerializeSamples("d", samples, 0, 4000, reused, out _);

        var again = RecordJson.SerializeSamples("d", samples, 10, 700, reused, out var written).ToArray();
        var fresh = RecordJson.SerializeSamples("d", samples, 10, 700, new ArrayBufferWriter<byte>(16), out var freshWritten).ToArray();

        Assert.Equal(freshWritten, written);
        Assert.Equal(Encoding.UTF8.GetString(fresh), Encoding.UTF8.GetString(again));
    }
}
