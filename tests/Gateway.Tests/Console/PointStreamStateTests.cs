using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.WebConsole.Devices;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

public sealed class PointStreamStateTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly MonotonicStamp Stamp = new("stream", TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("point-stream-").FullName;
    private string _written = string.Empty;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Update_FirstCarriesAllThenOnlyChanges()
    {
        var site = Site();
        var devices = new DeviceStatusTable();
        var state = new PointStreamState();
        var co2 = Reading("air-1", "co2", 612, Start);
        var temperature = Reading("air-1", "temperature", 21.5, Start);

        await WriteAsync(state, [co2, temperature], site, devices);
        var first = Events();
        await WriteAsync(state, [co2, temperature], site, devices);
        var unchanged = Events();
        var newer = Reading("air-1", "co2", 640.25, Start.AddSeconds(5));
        await WriteAsync(state, [newer, temperature], site, devices);
        var second = Events();

        Assert.Equal(["points", "devices"], first.Select(item => item.Name));
        Assert.Equal(["air-1.co2", "air-1.temperature"], Ids(first[0].Data));
        Assert.Equal(["air-1", "door-2"], Ids(first[1].Data));
        Assert.Empty(unchanged);
        Assert.Equal(["points", "devices"], second.Select(item => item.Name));
        var point = Assert.Single(second[0].Data.EnumerateArray());
        Assert.Equal("air-1.co2", point.GetProperty("id").GetString());
        Assert.Equal("640.25", point.GetProperty("value").GetString());
        Assert.Equal("good", point.GetProperty("qualityClass").GetString());
        Assert.Equal(["air-1"], Ids(second[1].Data));
    }

    [Fact]
    public async Task Update_ChineseTextUnescaped()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var state = new PointStreamState();

            await WriteAsync(state, [Reading("air-1", "co2", 612, Start)], Site(), new DeviceStatusTable());

            var text = _written;
            Assert.Contains("\"online\":\"尚未上报\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task Update_NewPoint_SendsOnlyIt()
    {
        var site = Site();
        var devices = new DeviceStatusTable();
        var state = new PointStreamState();
        var co2 = Reading("air-1", "co2", 612, Start);
        var temperature = Reading("air-1", "temperature", 21.5, Start);
        await WriteAsync(state, [co2, temperature], site, devices);

        // A point that sorts first moves the two sent points one place on; they are unchanged, so only it is sent.
        var battery = Reading("air-1", "battery", 87, Start);
        await WriteAsync(state, [battery, co2, temperature], site, devices);
        var added = Events();
        await WriteAsync(state, [battery, co2, temperature], site, devices);
        var unchanged = Events();

        Assert.Equal(["air-1.battery"], Ids(added[0].Data));
        Assert.Empty(unchanged);
    }

    [Fact]
    public async Task Update_SameCountOtherPoints_ComparedById()
    {
        var site = Site();
        var devices = new DeviceStatusTable();
        var state = new PointStreamState();
        var co2 = Reading("air-1", "co2", 612, Start);
        var temperature = Reading("air-1", "temperature", 21.5, Start);
        var contact = Reading("door-2", "contact", 1, Start);
        await WriteAsync(state, [co2, temperature], site, devices);

        // Same count, but the second position now refers to another point. That point is new, the first is not.
        await WriteAsync(state, [co2, contact], site, devices);
        var changed = Events();

        Assert.Equal(["door-2.contact"], Ids(changed[0].Data));
    }

    [Fact]
    public async Task Update_DeviceOnlineChangeSent()
    {
        var site = Site();
        var devices = new DeviceStatusTable();
        var state = new PointStreamState();
        await WriteAsync(state, [], site, devices);
        var before = Events();

        devices.Apply(new DeviceEvent("door-2", DeviceEventTypes.Offline, Start, Stamp));
        await WriteAsync(state, [], site, devices);
        var after = Events();

        var device = Assert.Single(Assert.Single(after).Data.EnumerateArray());
        Assert.Equal("devices", Assert.Single(before).Name);
        Assert.Equal("door-2", device.GetProperty("id").GetString());
        Assert.Equal("bad", device.GetProperty("onlineClass").GetString());
        Assert.Equal("–", device.GetProperty("lastSeen").GetString());
    }

    [Fact]
    public async Task WriteChanges_LargeMessage_SentInChunks()
    {
        // 2,000 points make a first message of about 200 KB. It is sent in pieces of about 32 KiB, so the state's
        // buffer never has to take it whole.
        var snapshot = Enumerable.Range(0, 2_000).Select(index => Reading("air-1", $"p{index:D4}", index, Start)).ToList();
        var state = new PointStreamState();
        using var stream = new WriteRecordingStream();

        var wrote = await state.WriteChangesAsync(snapshot, Site(), new DeviceStatusTable(), stream, CancellationToken.None);
        _written = Encoding.UTF8.GetString(stream.ToArray());
        var events = Events();

        Assert.True(wrote);
        Assert.True(stream.Writes.Count > 4, $"{stream.Writes.Count} writes");
        Assert.True(stream.Writes.Max() <= 40 * 1024, $"largest write {stream.Writes.Max()} bytes");
        Assert.Equal(["points", "devices"], events.Select(item => item.Name));
        Assert.Equal(snapshot.Select(sample => sample.Point.ToString()), Ids(events[0].Data));
    }

    private static Sample Reading(string device, string point, double value, DateTimeOffset time) =>
        new(new PointId(device, point), PointValue.FromNumber(value), Quality.Good, time, Stamp);

    private static List<string?> Ids(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetProperty("id").GetString())];

    /// <summary>Writes the changes of <paramref name="snapshot"/> and keeps what was written in <see cref="_written"/>.</summary>
    private async Task WriteAsync(PointStreamState state, IReadOnlyList<Sample> snapshot, SiteConfiguration site, DeviceStatusTable devices)
    {
        using var stream = new MemoryStream();
        var wrote = await state.WriteChangesAsync(snapshot, site, devices, stream, CancellationToken.None);
        _written = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(wrote, _written.Length > 0);
    }

    /// <summary>Splits the text/event-stream text last written into events and parses each one's data as JSON.</summary>
    private List<(string Name, JsonElement Data)> Events()
    {
        var text = _written;
        var events = new List<(string, JsonElement)>();
        foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            Assert.StartsWith("event: ", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("data: ", lines[1], StringComparison.Ordinal);
            events.Add((lines[0]["event: ".Length..], JsonDocument.Parse(lines[1]["data: ".Length..]).RootElement.Clone()));
        }

        Assert.True(text.Length == 0 || text.EndsWith("\n\n", StringComparison.Ordinal), text);
        return events;
    }

    private SiteConfiguration Site()
    {
        const string yaml = """
            school:
              id: test-school
              name: 测试学校
            gateway:
              id: gw-stream
              language: en
              dataDirectory: ./data
            campusBroker:
              mode: external
              host: 127.0.0.1
              port: 1883
              username: gateway
              password: gateway-test-secret
            district:
              host: 127.0.0.1
              port: 1883
            devices:
              - id: air-1
                kind: gpio
                driver: simulated
                points:
                  - id: co2
                    direction: input
                    pin: 17
              - id: door-2
                kind: gpio
                driver: simulated
                points:
                  - id: contact
                    direction: input
                    pin: 18
            """;
        var result = SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", _directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        return result.Configuration!;
    }

    /// <summary>Keeps the bytes written, and the size of each write.</summary>
    private sealed class WriteRecordingStream : MemoryStream
    {
        public List<int> Writes { get; } = [];

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }
    }
}
