using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Outbox;
using static SmartCampus.Edge.Sync.Tests.Outbox.OutboxTestContext;

namespace SmartCampus.Edge.Sync.Tests.Outbox;

/// <summary>Telemetry records that hold several points (one device poll), on a real LiteDB file.</summary>
public sealed class OutboxMultiPointTests : IDisposable
{
    private readonly OutboxTestContext _context = new();

    public void Dispose() => _context.Dispose();

    private static OutboxSampleSet Poll(string device, params (string Point, double Value)[] values) =>
        new(device, values.Select(value => new OutboxSample($"{device}.{value.Point}", value.Value)).ToArray());

    private static OutboxStore OpenDownsampling(OutboxTestContext context, FakeTimeProvider time) =>
        context.Open(options => options.Downsampling = new MinMaxMeanDownsampling(TimeSpan.FromHours(1), TimeSpan.FromMinutes(1)), time);

    /// <summary>Appends an event two hours later, so the writer's next commit runs a down-sampling pass.</summary>
    private static async Task RunDownsamplingAsync(OutboxStore store, FakeTimeProvider time)
    {
        time.Advance(TimeSpan.FromHours(2));
        await store.AppendAsync(OutboxLane.Events, "door.opened", Json("{}"), CancellationToken.None);
    }

    [Fact]
    public void SampleBlob_RoundTrip()
    {
        OutboxSample[] samples = [new("room-201-air.co2", 812.5), new("教室-201.温度", -3.25), new("room-201-air.rh", double.Epsilon)];

        var decoded = OutboxSampleBlob.Decode(OutboxSampleBlob.Encode(samples));

        Assert.Equal(samples, decoded);
    }

    [Fact]
    public void SampleBlob_DamagedTailIsDropped()
    {
        var blob = OutboxSampleBlob.Encode([new("a.b", 1), new("a.c", 2)]);

        var decoded = OutboxSampleBlob.Decode(blob.AsSpan(0, blob.Length - 3));

        Assert.Equal([new OutboxSample("a.b", 1)], decoded);
    }

    [Fact]
    public async Task Append_RejectsEmptyOrNonFiniteSamples()
    {
        var store = _context.Open();

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(OutboxLane.Telemetry, "samples", Json("{}"), new OutboxSampleSet("d", []), CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(OutboxLane.Telemetry, "samples", Json("{}"), Poll("d", ("a", 1), ("b", double.NaN)), CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(OutboxLane.Telemetry, "samples", Json("{}"), Poll("d", ("a", 1), (new string('x', OutboxStore.MaxSampleKeyLength), 2)), CancellationToken.None).AsTask());
        Assert.Equal(0, store.Count(OutboxLane.Telemetry));
    }

    [Fact]
    public async Task Downsampling_SummarisesEachKeyOfMultiPointRecords()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
        var store = OpenDownsampling(_context, time);
        var alarm = await store.AppendAsync(OutboxLane.Alarms, "alarm.raised", Json("{}"), CancellationToken.None);
        var firstRoom = 0L;
        var firstHall = 0L;
        for (var i = 0; i < 30; i++)
        {
            var room = await store.AppendAsync(OutboxLane.Telemetry, "samples", Json($$"""{"poll":{{i}}}"""), Poll("room-201-air", ("co2", 400 + i), ("temp", 20)), CancellationToken.None);
            var hall = await store.AppendAsync(OutboxLane.Telemetry, "samples", Json($$"""{"poll":{{i}}}"""), Poll("hall-air", ("co2", 500 - i)), CancellationToken.None);
            (firstRoom, firstHall) = i == 0 ? (room, hall) : (firstRoom, firstHall);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var kept = await store.AppendAsync(OutboxLane.Telemetry, "samples", Json("""{"text":"kept"}"""), CancellationToken.None);
        await RunDownsamplingAsync(store, time);

        var records = store.PeekOldest(OutboxLane.Telemetry, 100);
        Assert.Equal([firstRoom, firstHall, kept], records.Select(record => record.Sequence));
        Assert.All(records.Take(2), record => Assert.Equal("samples.summary", record.Type));
        Assert.Equal(60, store.DownsampledCount(OutboxLane.Telemetry));
        Assert.Equal(alarm, Assert.Single(store.PeekOldest(OutboxLane.Alarms, 10)).Sequence);

        using var room201 = JsonDocument.Parse(records[0].Payload);
        var summary = room201.RootElement;
        Assert.Equal(30, summary.GetProperty("records").GetInt32());
        Assert.Equal(firstRoom, summary.GetProperty("firstSequence").GetInt64());
        Assert.Equal("2026-12-04T08:00:00+00:00", summary.GetProperty("from").GetString());
        var points = summary.GetProperty("points").EnumerateArray().ToDictionary(point => point.GetProperty("point").GetString()!);
        Assert.Equal(["room-201-air.co2", "room-201-air.temp"], points.Keys);
        Assert.Equal(30, points["room-201-air.co2"].GetProperty("count").GetInt32());
        Assert.Equal(400, points["room-201-air.co2"].GetProperty("min").GetDouble());
        Assert.Equal(429, points["room-201-air.co2"].GetProperty("max").GetDouble());
        Assert.Equal(414.5, points["room-201-air.co2"].GetProperty("mean").GetDouble());
        Assert.Equal(20, points["room-201-air.temp"].GetProperty("mean").GetDouble());

        using var hallSummary = JsonDocument.Parse(records[1].Payload);
        var hallCo2 = Assert.Single(hallSummary.RootElement.GetProperty("points").EnumerateArray());
        Assert.Equal(471, hallCo2.GetProperty("min").GetDouble());
        Assert.Equal(500, hallCo2.GetProperty("max").GetDouble());
    }

    [Fact]
    public async Task Downsampling_SplitsManyKeysIntoParts()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
        var store = OpenDownsampling(_context, time);
        var sequences = new List<long>();
        for (var record = 0; record < 3; record++)
        {
            var values = Enumerable.Range(record * 60, 60).Select(point => ($"p{point:D3}", (double)point)).ToArray();
            sequences.Add(await store.AppendAsync(OutboxLane.Telemetry, "samples", Json("{}"), Poll("panel", values), CancellationToken.None));
        }

        await RunDownsamplingAsync(store, time);

        var parts = store.PeekOldest(OutboxLane.Telemetry, 10);
        Assert.Equal(sequences.Take(2), parts.Select(part => part.Sequence));
        var keys = new List<string>();
        foreach (var part in parts)
        {
            using var payload = JsonDocument.Parse(part.Payload);
            var points = payload.RootElement.GetProperty("points").EnumerateArray().ToList();
            Assert.InRange(points.Count, 1, OutboxDownsampler.MaxPointsPerSummary);
            Assert.Equal(sequences[0], payload.RootElement.GetProperty("firstSequence").GetInt64());
            Assert.Equal(sequences[2], payload.RootElement.GetProperty("lastSequence").GetInt64());
            keys.AddRange(points.Select(point => point.GetProperty("point").GetString()!));
        }

        Assert.Equal(Enumerable.Range(0, 180).Select(point => $"panel.p{point:D3}"), keys);
        Assert.Equal(3, store.DownsampledCount(OutboxLane.Telemetry));
    }

    [Fact]
    public async Task Downsampling_KeepsGroupsApartAndSingleRecords()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
        var store = OpenDownsampling(_context, time);
        var lone = await store.AppendAsync(OutboxLane.Telemetry, "samples", Json("""{"lone":1}"""), Poll("boiler", ("flow", 3)), CancellationToken.None);
        await store.AppendAsync(OutboxLane.Telemetry, "samples", Json("{}"), Poll("room-201-air", ("co2", 1)), CancellationToken.None);
        await store.AppendAsync(OutboxLane.Telemetry, "samples", Json("{}"), Poll("room-201-air", ("co2", 3)), CancellationToken.None);

        await RunDownsamplingAsync(store, time);

        var records = store.PeekOldest(OutboxLane.Telemetry, 10);
        Assert.Equal(2, records.Count);
        Assert.Equal((lone, "samples"), (records[0].Sequence, records[0].Type));
        Assert.Equal("samples.summary", records[1].Type);
        Assert.Equal(2, store.DownsampledCount(OutboxLane.Telemetry));
    }

    [Fact]
    public async Task MultiPointRecord_KeepsItsSamplesAcrossReopen()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
        using (var store = new OutboxStore(_context.Options(), time, _context.Logger))
        {
            await store.AppendAsync(OutboxLane.Telemetry, "samples", Json("{}"), Poll("room-201-air", ("co2", 400), ("temp", 21)), CancellationToken.None);
            await store.AppendAsync(OutboxLane.Telemetry, "samples", Json("{}"), Poll("room-201-air", ("co2", 410), ("temp", 23)), CancellationToken.None);
        }

        // Down-sampling turned on only after the restart still finds the measurements stored with the records.
        var reopened = OpenDownsampling(_context, time);
        await RunDownsamplingAsync(reopened, time);

        using var summary = JsonDocument.Parse(Assert.Single(reopened.PeekOldest(OutboxLane.Telemetry, 10)).Payload);
        var temp = summary.RootElement.GetProperty("points")[1];
        Assert.Equal("room-201-air.temp", temp.GetProperty("point").GetString());
        Assert.Equal(22, temp.GetProperty("mean").GetDouble());
    }
}
