using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using SmartCampus.Edge.Gateway.Configuration.Model;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>
/// The diagnostics page's Modbus read against the rig's pymodbus server, and its MQTT watch against the gateway's
/// embedded campus broker, with a test client publishing to it.
/// </summary>
public sealed class ConsoleDiagnosticsTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task ModbusRead_ValueFromPymodbus()
    {
        using var client = await fixture.LoggedInClientAsync();

        var (status, body, _) = await client.PostFormAsync("/diagnostics", "/diagnostics/modbus-read", new Dictionary<string, string> { ["point"] = "room-201-air.co2" });

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Contains($"room-201-air.co2 = {ConsoleRig.InitialCo2} ppm, quality Good, read at ", body, StringComparison.Ordinal);
        Assert.True(
            await Eventually.WaitUntilAsync(() => fixture.Rig.ReadLog().Contains($"Audit: {ConsoleFixture.Username} from 127.0.0.1 modbus-read point room-201-air.co2: read {ConsoleRig.InitialCo2} ppm (Good)", StringComparison.Ordinal), TimeSpan.FromSeconds(5)),
            fixture.Rig.ReadLog());
    }

    [Fact]
    public async Task ModbusRead_ExceptionTextShown()
    {
        using var client = await fixture.LoggedInClientAsync();
        await fixture.Rig.Sensor.RemoveHoldingRegistersAsync(1, 1, CancellationToken.None);
        try
        {
            var (status, body, _) = await client.PostFormAsync("/diagnostics", "/diagnostics/modbus-read", new Dictionary<string, string> { ["point"] = "room-201-air.temperature" });

            Assert.Equal(HttpStatusCode.BadGateway, status);
            var banner = System.Text.RegularExpressions.Regex.Match(WebUtility.HtmlDecode(body), "<p class=\"banner error\" role=\"status\">([^<]*)</p>").Groups[1].Value;
            Assert.StartsWith("Reading room-201-air.temperature failed: Device room-201-air (unit 1) rejected function", banner, StringComparison.Ordinal);
            Assert.EndsWith("(exception code 02).", banner, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Rig.Sensor.SetHoldingRegistersAsync(1, [ConsoleRig.InitialTemperature], CancellationToken.None);
        }
    }

    [Fact]
    public async Task ModbusRead_TimeoutNamesNextStep()
    {
        using var client = await fixture.LoggedInClientAsync();
        await fixture.Rig.Sensor.SetPausedAsync(true, CancellationToken.None);
        try
        {
            var (status, body, _) = await client.PostFormAsync("/diagnostics", "/diagnostics/modbus-read", new Dictionary<string, string> { ["point"] = "room-201-air.co2" });

            Assert.Equal(HttpStatusCode.BadGateway, status);
            var banner = System.Text.RegularExpressions.Regex.Match(WebUtility.HtmlDecode(body), "<p class=\"banner error\" role=\"status\">([^<]*)</p>").Groups[1].Value;
            Assert.StartsWith("Reading room-201-air.co2 failed: ", banner, StringComparison.Ordinal);
            Assert.Contains("did not answer function 3 at address 0 within 2000 ms. ", banner, StringComparison.Ordinal);
            Assert.EndsWith("Check that the device is powered, that unitId in campus.yaml is its unit id (slave address), that host is its address, and that it serves this register table.", banner, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.Rig.Sensor.SetPausedAsync(false, CancellationToken.None);
        }
    }

    [Fact]
    public async Task ModbusRead_UnknownPointRejected()
    {
        using var client = await fixture.LoggedInClientAsync();

        var (status, body, _) = await client.PostFormAsync("/diagnostics", "/diagnostics/modbus-read", new Dictionary<string, string> { ["point"] = "fire-panel.smoke" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Choose one of the listed Modbus points.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MqttWatch_ShowsTopicRetainedAndPayload()
    {
        using var client = await fixture.LoggedInClientAsync();
        using var publisher = await ConnectPublisherAsync();
        // At least once, so that the broker has stored the retained message before the watch subscribes; at most once it
        // may still be on its way and reach the watch twice, as retained state and as a live message.
        await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("campus/watch-test/state").WithPayload("开机").WithRetainFlag().WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/diagnostics/mqtt-watch?filter=campus%2Fwatch-test%2F%23&seconds=5");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var started = await ReadEventAsync(reader);
        Assert.Equal("started", started.Name);
        var retained = await ReadEventAsync(reader);
        await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("campus/watch-test/co2").WithPayload("{\"ppm\":640}").Build());
        var live = await ReadEventAsync(reader);

        Assert.Equal("text/event-stream; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(("message", "campus/watch-test/state", true, "开机"), (retained.Name, retained.Data.GetProperty("topic").GetString(), retained.Data.GetProperty("retained").GetBoolean(), retained.Data.GetProperty("payload").GetString()));
        Assert.Equal(("message", "campus/watch-test/co2", false, "{\"ppm\":640}"), (live.Name, live.Data.GetProperty("topic").GetString(), live.Data.GetProperty("retained").GetBoolean(), live.Data.GetProperty("payload").GetString()));
        Assert.Contains($"Audit: {ConsoleFixture.Username} from 127.0.0.1 mqtt-watch filter campus/watch-test/#: started for 5 s", fixture.Rig.ReadLog(), StringComparison.Ordinal);
        await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("campus/watch-test/state").WithRetainFlag().Build());
    }

    [Fact]
    public async Task MqttWatch_StopsAtMessageLimit()
    {
        using var client = await fixture.LoggedInClientAsync();
        using var publisher = await ConnectPublisherAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/diagnostics/mqtt-watch?filter=campus%2Fflood%2F%2B&seconds=30");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("started", (await ReadEventAsync(reader)).Name);
        for (var index = 0; index < 210; index++)
        {
            await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"campus/flood/{index}").WithPayload(new string('x', 3000)).Build());
        }

        var events = new List<(string Name, JsonElement Data)>();
        do
        {
            events.Add(await ReadEventAsync(reader));
        }
        while (events[^1].Name == "message");

        Assert.Equal(200, events.Count(item => item.Name == "message"));
        Assert.Equal("end", events[^1].Name);
        Assert.Equal("Watch stopped at the limit of 200 messages.", events[^1].Data.GetProperty("text").GetString());
        Assert.True(events[0].Data.GetProperty("cut").GetBoolean());
        Assert.Equal(2048, events[0].Data.GetProperty("payload").GetString()!.Length);
        Assert.Null(await reader.ReadLineAsync());
    }

    [Fact]
    public async Task MqttWatch_InvalidFilterRejected()
    {
        using var client = await fixture.LoggedInClientAsync();

        using var response = await client.GetAsync("/diagnostics/mqtt-watch?filter=campus%2F%23%2Fx&seconds=5");
        var body = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("event: failed\n", body, StringComparison.Ordinal);
        Assert.Contains("Enter a valid topic filter", body, StringComparison.Ordinal);
    }

    private async Task<IMqttClient> ConnectPublisherAsync()
    {
        var broker = fixture.Rig.Host.Services.GetRequiredService<SiteConfiguration>().CampusBroker;
        var publisher = new MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", broker.Port)
            .WithCredentials(broker.Username, broker.Password)
            .WithClientId("console-watch-test-publisher")
            .Build());
        return publisher;
    }

    /// <summary>Reads one server-sent event (event line, data line, blank line), waiting at most 10 s.</summary>
    private static async Task<(string Name, JsonElement Data)> ReadEventAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var name = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The stream ended.");
        var data = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The stream ended.");
        Assert.Equal(string.Empty, await reader.ReadLineAsync(timeout.Token));
        Assert.StartsWith("event: ", name, StringComparison.Ordinal);
        Assert.StartsWith("data: ", data, StringComparison.Ordinal);
        return (name["event: ".Length..], JsonDocument.Parse(data["data: ".Length..]).RootElement.Clone());
    }

    [Fact]
    public async Task Notice_CountsBrokerHandoffNotBoardReceipt()
    {
        using var client = await fixture.LoggedInClientAsync();

        var (status, body, _) = await client.PostFormAsync("/diagnostics", "/diagnostics/notice", new Dictionary<string, string> { ["target"] = "all", ["text"] = "Fire drill at 10:00" });

        // board-201 has no client on the campus broker: the broker takes the notice, the board is not online.
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Contains("Test notice for all class boards handed to the campus broker for 1 of 1 class boards; online now: 0 of 1.", WebUtility.HtmlDecode(body), StringComparison.Ordinal);
    }
}
