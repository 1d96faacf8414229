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

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Update_FirstCarriesAllThenOnlyChanges()
    {
        var site = Site();
        var devices = new DeviceStatusTable();
        var state = new PointStreamState();
        var co2 = Reading("air-1", "co2", 612, Start);
        var temperature = Reading("air-1", "temperature", 21.5, Start);

        state.Update([co2, temperature], site, devices);
        var first = Events(state);
        state.Update([co2, temperature], site, devices);
        var unchanged = Events(state);
        var newer = Reading("air-1", "co2", 640.25, Start.AddSeconds(5));
        state.Update([newer, temperature], site, devices);
        var second = Events(state);

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
    public void Update_ChineseTextUnescaped()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var state = new PointStreamState();

            state.Update([Reading("air-1", "co2", 612, Start)], Site(), new DeviceStatusTable());

            var text = Encoding.UTF8.GetString(state.Pending.Span);
            Assert.Contains("\"online\":\"尚未上报\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Update_NewPoint_SendsOnlyIt()
    {
        var site = Site();
        var devices = new DeviceStatusTable();
        var state = new PointStreamState();
        var co2 = Reading("air-1", "co2", 612, Start);
        var temperature = Reading("air-1", "temperature", 21.5, Start);
        state.Update([co2, temperature], site, devices);

        // A point that sorts first moves the two sent points one place on; they are unchanged, so only it is sent.
        var battery = Reading("air-1", "battery", 87, Start);
        state.Update([battery, co2, temperature], site, devices);
        var added = Events(state);
        state.Update([battery, co2, temperature], site, devices);
        var unchanged = Events(state);

        Assert.Equal(["air-1.battery"], Ids(added[0].Data));
        Assert.Empty(unchanged);
    }

    [Fact]
    public void Update_SameCountOtherPoints_ComparedById()
    {
        var site = Site();
        var devices = new DeviceStatusTable();
        var state = new PointStreamState();
        var co2 = Reading("air-1", "co2", 612, Start);
        var temperature = Reading("air-1", "temperature", 21.5, Start);
        var contact = Reading("door-2", "contact", 1, Start);
        state.Update([co2, temperature], site, devices);

        // Same count, but the second position now refers to another point. That point is new, the first is not.
        state.Update([co2, contact], site, devices);
        var changed = Events(state);

        Assert.Equal(["door-2.contact"], Ids(changed[0].Data));
    }

    [Fact]
    public void Update_DeviceOnlineChangeSent()
    {
        var site = Site();
        var devices = new DeviceStatusTable();
        var state = new PointStreamState();
        state.Update([], site, devices);
        var before = Events(state);

        devices.Apply(new DeviceEvent("door-2", DeviceEventTypes.Offline, Start, Stamp));
        state.Update([], site, devices);
        var after = Events(state);

        var device = Assert.Single(Assert.Single(after).Data.EnumerateArray());
        Assert.Equal("devices", Assert.Single(before).Name);
        Assert.Equal("door-2", device.GetProperty("id").GetString());
        Assert.Equal("bad", device.GetProperty("onlineClass").GetString());
        Assert.Equal("–", device.GetProperty("lastSeen").GetString());
    }

    private static Sample Reading(string device, string point, double value, DateTimeOffset time) =>
        new(new PointId(device, point), PointValue.FromNumber(value), Quality.Good, time, Stamp);

    private static List<string?> Ids(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetProperty("id").GetString())];

    /// <summary>Splits the pending text/event-stream bytes into events and parses each one's data as JSON.</summary>
    private static List<(string Name, JsonElement Data)> Events(PointStreamState state)
    {
        var text = Encoding.UTF8.GetString(state.Pending.Span);
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
}
