using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>
/// The campus broker link as a technician sees it when the external broker's port is closed: the overview names
/// the failure and the fix in the reader's language, and the MQTT watch says the same instead of MQTTnet's wording.
/// </summary>
public sealed partial class ConsoleCampusLinkTests(ExternalCampusFixture fixture) : IClassFixture<ExternalCampusFixture>
{
    [Theory]
    [InlineData("en", "The campus broker 127.0.0.1:{0} refused the connection: nothing listens on that port.", "Disconnected", " (")]
    [InlineData("zh-CN", "校园 MQTT 服务器 127.0.0.1:{0} 拒绝连接：该端口上没有服务在监听。", "断开连接", "（")]
    public async Task Overview_ShowsCampusConnectError(string language, string expectedFormat, string expectedState, string bracket)
    {
        using var client = await fixture.LoggedInClientAsync(language);
        var expected = string.Format(System.Globalization.CultureInfo.InvariantCulture, expectedFormat, fixture.ClosedPort);

        // The class board's session tries at once after start; the page may be read before its first failure.
        var body = string.Empty;
        for (var attempt = 0; attempt < 50 && !body.Contains(expected, StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(attempt == 0 ? 0 : 200);
            body = WebUtility.HtmlDecode((await client.GetPageAsync("/")).Body);
        }

        Assert.Contains(expected, body, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{fixture.ClosedPort}{bracket}", body, StringComparison.Ordinal);
        Assert.Matches(StateRow(), body);
        Assert.Equal(expectedState, StateRow().Match(body).Groups[1].Value);
        Assert.Matches(ErrorTime(), body);
        var campusTable = body[body.IndexOf("<table class=\"facts\" id=\"campus-link\">", StringComparison.Ordinal)..];
        Assert.DoesNotContain("Unspecified", campusTable[..campusTable.IndexOf("</table>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "The district broker could not be reached (connection refused, no route or name not resolved). Check district.host and district.port")]
    [InlineData("zh-CN", "无法连接区级平台服务器（连接被拒绝、无路由或域名无法解析）。请检查 campus.yaml 中的 district.host 和 district.port")]
    public async Task Overview_ShowsDistrictErrorHint(string language, string expected)
    {
        using var client = await fixture.LoggedInClientAsync(language);

        // The district link tries at once after start; the page may be read before its first failure.
        var body = string.Empty;
        for (var attempt = 0; attempt < 50 && !body.Contains(expected, StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(attempt == 0 ? 0 : 200);
            body = WebUtility.HtmlDecode((await client.GetPageAsync("/")).Body);
        }

        Assert.Contains(expected, body, StringComparison.Ordinal);
        Assert.Contains("connection refused: nothing accepts connections on 127.0.0.1:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MqttWatch_ClosedPortReadable()
    {
        using var client = await fixture.LoggedInClientAsync("en");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/diagnostics/mqtt-watch?filter=campus%2F%23&seconds=5");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var name = await reader.ReadLineAsync(timeout.Token);
        var data = await reader.ReadLineAsync(timeout.Token);

        Assert.Equal("event: failed", name);
        var text = JsonDocument.Parse(data!["data: ".Length..]).RootElement.GetProperty("text").GetString();
        Assert.StartsWith($"The campus broker 127.0.0.1:{fixture.ClosedPort} refused the connection: nothing listens on that port.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Unspecified", text, StringComparison.Ordinal);
        Assert.Contains("MQTT watch from the console could not connect to the campus broker 127.0.0.1:" + fixture.ClosedPort, fixture.Rig.ReadLog(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<tr id=\"campus-link-state\" class=\"bad\"><th>[^<]*</th><td>([^<]*)</td></tr>")]
    private static partial Regex StateRow();

    [GeneratedRegex(@"<tr id=""campus-link-error"" class=""bad""><th>[^<]*</th><td>[^<]* \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\)</td></tr>")]
    private static partial Regex ErrorTime();
}
