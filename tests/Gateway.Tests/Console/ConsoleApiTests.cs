using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>The console over HTTPS as a browser would use it, against a whole gateway with pymodbus and a simulated fire panel.</summary>
public sealed class ConsoleApiTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    /// <summary>The only routes served without a session. Any route added later must require one.</summary>
    private static readonly string[] AnonymousRoutes =
    [
        "GET /health/live", "GET /health/ready", "GET /login", "GET /metrics", "GET /setup", "GET /static/{name}",
        "POST /language", "POST /login", "POST /setup",
    ];

    [Fact]
    public async Task Routes_NoneAnswersWithoutSession()
    {
        var routes = Routes();
        Assert.Equal(AnonymousRoutes, routes.Where(route => route.Anonymous).Select(route => route.Name).Order(StringComparer.Ordinal));
        Assert.True(routes.Count(route => !route.Anonymous) >= 14, string.Join(", ", routes.Select(route => route.Name)));

        using var stranger = new ConsoleClient(fixture.Rig);
        foreach (var route in routes.Where(route => !route.Anonymous))
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path.Replace("{name}", "x", StringComparison.Ordinal));
            if (route.Method == "POST")
            {
                request.Content = new FormUrlEncodedContent([new("rule", "fire-alarm")]);
            }

            using var response = await stranger.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var toLogin = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/login";
            Assert.True(toLogin || response.StatusCode == HttpStatusCode.Unauthorized, $"{route.Name} answered {response.StatusCode} without a session: {body}");
            Assert.DoesNotContain("fire-alarm", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Routes_AnswerWithSession()
    {
        using var client = await fixture.LoggedInClientAsync();

        foreach (var path in new[] { "/", "/devices", "/alarms", "/rules", "/diagnostics", "/history?point=room-201-air.co2" })
        {
            var (status, body) = await client.GetPageAsync(path);
            Assert.True(status == HttpStatusCode.OK, $"{path} answered {status}: {body}");
            Assert.Contains("SmartCampus.Edge", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Post_WithoutCsrfToken_Rejected()
    {
        using var client = await fixture.LoggedInClientAsync();

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/diagnostics/pulse")
        {
            Content = new FormUrlEncodedContent([new("output", "fire-panel.relay"), new("milliseconds", "500")]),
        };
        using var response = await client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("did not come from this console", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Device.Gpio.PinValue.Low, fixture.Rig.FirePanel.GetLevel(ConsoleRig.RelayPin));
        Assert.True(await Eventually.WaitUntilAsync(() => fixture.Rig.ReadLog().Contains("anti-forgery token is missing or invalid", StringComparison.Ordinal), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Post_WithAnotherSessionsToken_Rejected()
    {
        using var victim = await fixture.LoggedInClientAsync();
        using var attacker = new ConsoleClient(fixture.Rig);
        var (_, loginPage) = await attacker.GetPageAsync("/login");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/alarms/acknowledge")
        {
            Content = new FormUrlEncodedContent([new("rule", "fire-alarm"), new("__csrf", ConsoleClient.CsrfToken(loginPage))]),
        };
        using var response = await victim.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Login_BurstLocksOutThatClientOnly()
    {
        using var guesser = new ConsoleClient(fixture.Rig, IPAddress.Parse("127.0.0.2"));

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            statuses.Add((await guesser.LogInAsync(ConsoleFixture.Username, $"wrong-password-{attempt}")).Status);
        }

        var (afterStatus, afterBody, _) = await guesser.LogInAsync(ConsoleFixture.Username, ConsoleFixture.Password);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, afterStatus);
        Assert.Contains("blocked for 5 min", afterBody, StringComparison.Ordinal);
        using var other = await fixture.LoggedInClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await other.GetPageAsync("/")).Status);
    }

    [Fact]
    public async Task Alarm_AcknowledgedThroughPipeline_AndAudited()
    {
        var engine = fixture.Rig.Host.Services.GetRequiredService<RuleEngine>();
        fixture.Rig.SetSmoke(true);
        Assert.True(await Eventually.WaitUntilAsync(() => engine.ActiveAlarms.Any(alarm => alarm.RuleId == "fire-alarm"), TimeSpan.FromSeconds(10)));
        using var client = await fixture.LoggedInClientAsync();

        var (status, body, _) = await client.PostFormAsync("/alarms", "/alarms/acknowledge", new Dictionary<string, string> { ["rule"] = "fire-alarm" });

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Contains("Alarm of rule fire-alarm acknowledged.", body, StringComparison.Ordinal);
        var alarm = engine.ActiveAlarms.Single(active => active.RuleId == "fire-alarm");
        Assert.Equal(AlarmState.Acknowledged, alarm.State);
        Assert.Equal(ConsoleFixture.Username, alarm.AcknowledgedBy);
        Assert.True(alarm.AcknowledgedOnSite);
        Assert.True(await Eventually.WaitUntilAsync(() => fixture.Rig.ReadLog().Contains($"Audit: {ConsoleFixture.Username} from 127.0.0.1 acknowledge rule fire-alarm: accepted", StringComparison.Ordinal), TimeSpan.FromSeconds(5)), fixture.Rig.ReadLog());
        var outbox = fixture.Rig.Host.Services.GetRequiredService<OutboxStore>();
        var audits = outbox.PeekOldest(OutboxLane.Events, 10_000).Where(record => record.Type == "console-audit").Select(record => System.Text.Encoding.UTF8.GetString(record.Payload)).ToList();
        Assert.Contains(audits, payload => payload.Contains("\"action\":\"acknowledge\"", StringComparison.Ordinal) && payload.Contains("\"target\":\"rule fire-alarm\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alarm_RepeatedAcknowledgeAnsweredInChinese()
    {
        var engine = fixture.Rig.Host.Services.GetRequiredService<RuleEngine>();
        await fixture.Rig.Sensor.SetHoldingRegistersAsync(1, [400], CancellationToken.None);
        Assert.True(await Eventually.WaitUntilAsync(() => engine.ActiveAlarms.Any(alarm => alarm.RuleId == "temperature-high"), TimeSpan.FromSeconds(10)));
        using var client = await fixture.LoggedInClientAsync();
        client.Cookies.Add(fixture.Rig.BaseAddress, new Cookie("sc-lang", "zh-CN"));

        var (firstStatus, firstBody, _) = await client.PostFormAsync("/alarms", "/alarms/acknowledge", new Dictionary<string, string> { ["rule"] = "temperature-high" });
        var (againStatus, encoded, _) = await client.PostFormAsync("/alarms", "/alarms/acknowledge", new Dictionary<string, string> { ["rule"] = "temperature-high" });
        var againBody = WebUtility.HtmlDecode(encoded);

        Assert.True(firstStatus == HttpStatusCode.OK, firstBody);
        Assert.Equal(HttpStatusCode.OK, againStatus);
        Assert.Contains("规则 temperature-high 的告警已于 ", againBody, StringComparison.Ordinal);
        Assert.Contains($"由 {ConsoleFixture.Username} 确认，无需再次确认。", againBody, StringComparison.Ordinal);
        Assert.DoesNotContain("banner error", againBody, StringComparison.Ordinal);
        var article = againBody[againBody.IndexOf("data-rule=\"temperature-high\"", StringComparison.Ordinal)..];
        article = article[..article.IndexOf("</article>", StringComparison.Ordinal)];
        Assert.DoesNotContain("class=\"acknowledge\"", article, StringComparison.Ordinal);
        Assert.Matches(@"<dt>产生时的值</dt><dd>[\d.]+ °C</dd>", article);
    }

    [Fact]
    public async Task Listener_BoundToConfiguredAddressOnly()
    {
        using var other = new System.Net.Sockets.TcpClient();

        var refused = await Record.ExceptionAsync(() => other.ConnectAsync(IPAddress.Parse("127.0.0.2"), fixture.Rig.BaseAddress.Port));

        Assert.IsType<System.Net.Sockets.SocketException>(refused);
    }

    [Fact]
    public async Task PortTaken_GatewayRunsWithoutConsole()
    {
        using var squatter = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        await using var rig = await ConsoleRig.StartAsync(consolePort: port);

        Assert.Null(rig.Console.BaseAddress);
        Assert.True(await Eventually.WaitUntilAsync(() => rig.ReadLog().Contains($"Web console could not start on 127.0.0.1:{port}", StringComparison.Ordinal), TimeSpan.FromSeconds(5)), rig.ReadLog());
        var pipeline = rig.Host.Services.GetRequiredService<SmartCampus.Edge.Gateway.Pipeline.PipelineService>();
        Assert.True(await Eventually.WaitUntilAsync(() => pipeline.SampleCount > 0, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Stop_WithOpenStream_IsQuick()
    {
        var rig = await ConsoleRig.StartAsync();
        var client = new ConsoleClient(rig);
        await client.SetUpAsync(rig, "lin", "boiler-room-2026");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/devices/stream");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: points", await reader.ReadLineAsync());

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await rig.DisposeAsync();
        client.Dispose();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"Stopping took {watch.Elapsed.TotalSeconds:0.0} s with a devices page open.");
    }

    [Fact]
    public async Task Setup_CodeTypedWithoutDashes()
    {
        await using var rig = await ConsoleRig.StartAsync();
        using var client = new ConsoleClient(rig);
        var code = await rig.ReadSetupCodeAsync();
        var wrong = "0000-0000-0000" == code ? "1111-1111-1111" : "0000-0000-0000";

        var (wrongStatus, wrongBody, _) = await client.PostSetupAsync(wrong.Replace("-", string.Empty, StringComparison.Ordinal), "lin", "boiler-room-2026");
        var (status, body, location) = await client.PostSetupAsync(code.Replace("-", string.Empty, StringComparison.Ordinal), "lin", "boiler-room-2026");

        Assert.Equal(HttpStatusCode.BadRequest, wrongStatus);
        Assert.DoesNotContain("already used", wrongBody, StringComparison.Ordinal);
        Assert.True(status == HttpStatusCode.Redirect, $"Setup answered {status}: {body}");
        Assert.Equal("/", location?.OriginalString);
    }

    [Fact]
    public async Task HealthAndMetrics_NeedSessionWhenConfigured()
    {
        await using var rig = await ConsoleRig.StartAsync("metricsWithoutLogin: false\n  healthWithoutLogin: false");
        using var stranger = new ConsoleClient(rig);

        using var metrics = await stranger.GetAsync("/metrics");
        using var ready = await stranger.GetAsync("/health/ready");
        using var live = await stranger.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.Redirect, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, ready.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, live.StatusCode);
        Assert.Equal("/setup", metrics.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Session_ExpiresAfterLifetime()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var rig = await ConsoleRig.StartAsync("sessionLifetime: 10m", clock);
        using var client = new ConsoleClient(rig);
        await client.SetUpAsync(rig, "lin", "boiler-room-2026");
        Assert.Equal(HttpStatusCode.OK, (await client.GetPageAsync("/")).Status);

        clock.Advance(TimeSpan.FromMinutes(9));
        var beforeExpiry = (await client.GetPageAsync("/")).Status;
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        using var afterExpiry = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, beforeExpiry);
        Assert.Equal(HttpStatusCode.Redirect, afterExpiry.StatusCode);
        Assert.Equal("/login", afterExpiry.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Pulse_HeldOutput_Blocked()
    {
        await HoldSirenAsync();
        using var client = await fixture.LoggedInClientAsync();

        var (status, body, _) = await client.PostFormAsync("/diagnostics", "/diagnostics/pulse", new Dictionary<string, string> { ["output"] = "fire-panel.siren", ["milliseconds"] = "500" });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("Output fire-panel.siren was not pulsed", body, StringComparison.Ordinal);
        Assert.Contains("fire-alarm", body, StringComparison.Ordinal);
        Assert.Equal(System.Device.Gpio.PinValue.High, fixture.Rig.FirePanel.GetLevel(ConsoleRig.SirenPin));
    }

    [Fact]
    public async Task Pulse_BlockedInZhCn_AuditedInEnglish()
    {
        await HoldSirenAsync();
        using var client = await fixture.LoggedInClientAsync();
        client.Cookies.Add(fixture.Rig.BaseAddress, new Cookie("sc-lang", "zh-CN"));

        var (status, body, _) = await client.PostFormAsync("/diagnostics", "/diagnostics/pulse", new Dictionary<string, string> { ["output"] = "fire-panel.siren", ["milliseconds"] = "1000" });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("fire-panel.siren", body, StringComparison.Ordinal);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", WebUtility.HtmlDecode(body));
        string? line = null;
        Assert.True(await Eventually.WaitUntilAsync(
            () => (line = fixture.Rig.ReadLog().Split('\n').LastOrDefault(text => text.Contains($"Audit: {ConsoleFixture.Username} from 127.0.0.1 pulse output fire-panel.siren: blocked", StringComparison.Ordinal))) is not null,
            TimeSpan.FromSeconds(5)));
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", line!);
    }

    [Fact]
    public async Task Rules_ZhCnKindsInChinese()
    {
        using var client = await fixture.LoggedInClientAsync();
        client.Cookies.Add(fixture.Rig.BaseAddress, new Cookie("sc-lang", "zh-CN"));

        var (status, body) = await client.GetPageAsync("/rules");
        var text = WebUtility.HtmlDecode(body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("阈值：高于", text, StringComparison.Ordinal);
        Assert.DoesNotContain("threshold", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" min", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pulse_OfFreeOutput_RevertsToSafeState()
    {
        using var client = await fixture.LoggedInClientAsync();
        var panel = fixture.Rig.FirePanel;
        var levels = new List<System.Device.Gpio.PinValue>();
        panel.OutputChanged += (_, change) =>
        {
            if (change.PinNumber == ConsoleRig.RelayPin)
            {
                lock (levels)
                {
                    levels.Add(change.ChangeType == System.Device.Gpio.PinEventTypes.Rising ? System.Device.Gpio.PinValue.High : System.Device.Gpio.PinValue.Low);
                }
            }
        };

        var (status, body, _) = await client.PostFormAsync("/diagnostics", "/diagnostics/pulse", new Dictionary<string, string> { ["output"] = "fire-panel.relay", ["milliseconds"] = "500" });

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.True(await Eventually.WaitUntilAsync(() => { lock (levels) { return levels.Count >= 2; } }, TimeSpan.FromSeconds(5)));
        Assert.Equal([System.Device.Gpio.PinValue.High, System.Device.Gpio.PinValue.Low], levels.Take(2));
        Assert.Equal(System.Device.Gpio.PinValue.Low, panel.GetLevel(ConsoleRig.RelayPin));
    }

    [Fact]
    public async Task HealthAndMetrics_AnswerWithoutSession()
    {
        using var meter = new Meter("SmartCampus.Edge.ConsoleTests");
        var counter = meter.CreateCounter<long>("smartcampus.console_tests.widgets", description: "Widgets seen by the test.");
        counter.Add(3, new KeyValuePair<string, object?>("room", "2\"01"));
        using var stranger = new ConsoleClient(fixture.Rig);

        var live = await stranger.GetPageAsync("/health/live");
        var ready = await stranger.GetPageAsync("/health/ready");
        using var metrics = await stranger.GetAsync("/metrics");
        var exposition = await metrics.Content.ReadAsStringAsync();

        Assert.Equal((HttpStatusCode.OK, "live\n"), live);
        Assert.Equal((HttpStatusCode.OK, "ready\n"), ready);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.Content.Headers.ContentType?.ToString());
        Assert.Contains("# TYPE smartcampus_console_tests_widgets_total counter\n", exposition, StringComparison.Ordinal);
        Assert.Contains("smartcampus_console_tests_widgets_total{room=\"2\\\"01\"} 3\n", exposition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_InvalidFileReportedInFull()
    {
        using var client = await fixture.LoggedInClientAsync();
        var yaml = Configuration.SiteYaml.Valid.Replace("port: 18830", "port: abc", StringComparison.Ordinal) + "\nconsole:\n  address: gateway.local\n";

        var (status, body, _) = await client.PostFormAsync("/configuration", "/configuration/validate", new Dictionary<string, string> { ["yaml"] = yaml });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("campusBroker.port", body, StringComparison.Ordinal);
        Assert.Contains("console.address", body, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_ValidFileReported()
    {
        using var client = await fixture.LoggedInClientAsync();

        var (status, body, _) = await client.PostFormAsync("/configuration", "/configuration/validate", new Dictionary<string, string> { ["yaml"] = Configuration.SiteYaml.Valid });

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Contains("The configuration is valid: 3 devices, 2 rules.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_WarningsInChinese()
    {
        using var client = await fixture.LoggedInClientAsync();
        client.Cookies.Add(fixture.Rig.BaseAddress, new Cookie(ConsoleForms.LanguageCookie, "zh-CN"));
        var yaml = Configuration.SiteYaml.Valid.Replace("address: 0\n", "address: 30001\n", StringComparison.Ordinal).Replace("function: holding", "function: input", StringComparison.Ordinal);

        var (status, encoded, _) = await client.PostFormAsync("/configuration", "/configuration/validate", new Dictionary<string, string> { ["yaml"] = yaml });
        var body = WebUtility.HtmlDecode(encoded);

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Contains("配置有效：3 个设备，2 条规则。应用前请阅读下面的 1 条警告。", body, StringComparison.Ordinal);
        Assert.Contains("<h2>警告</h2>", body, StringComparison.Ordinal);
        Assert.Contains("警告：点位 air.co2 写的是 `address: 30001`，像是 3xxxx 形式的寄存器编号", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Warning:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alarm_ShelvedAndUnshelved()
    {
        var engine = fixture.Rig.Host.Services.GetRequiredService<RuleEngine>();
        await fixture.Rig.Sensor.SetHoldingRegistersAsync(1, [400], CancellationToken.None);
        Assert.True(await Eventually.WaitUntilAsync(() => engine.ActiveAlarms.Any(alarm => alarm.RuleId == "temperature-high"), TimeSpan.FromSeconds(10)));
        using var client = await fixture.LoggedInClientAsync();

        var (shelveStatus, shelveBody, _) = await client.PostFormAsync("/alarms", "/alarms/shelve", new Dictionary<string, string> { ["rule"] = "temperature-high", ["minutes"] = "15" });
        var shelvedUntil = engine.ActiveAlarms.Single(alarm => alarm.RuleId == "temperature-high").ShelvedUntil;
        var (_, rulesPage) = await client.GetPageAsync("/rules");
        var (unshelveStatus, unshelveBody, _) = await client.PostFormAsync("/alarms", "/alarms/unshelve", new Dictionary<string, string> { ["rule"] = "temperature-high" });
        var (lifeSafetyStatus, lifeSafetyBody, _) = await client.PostFormAsync("/alarms", "/alarms/shelve", new Dictionary<string, string> { ["rule"] = "fire-alarm", ["minutes"] = "15" });

        Assert.True(shelveStatus == HttpStatusCode.OK, shelveBody);
        Assert.Contains("Rule temperature-high shelved", shelveBody, StringComparison.Ordinal);
        Assert.NotNull(shelvedUntil);
        Assert.Contains("<tr data-rule=\"temperature-slow\">", rulesPage, StringComparison.Ordinal);
        Assert.Contains("Condition met, waiting for its duration", rulesPage, StringComparison.Ordinal);
        Assert.Contains(" / 1 h 00 min", rulesPage, StringComparison.Ordinal);
        Assert.True(unshelveStatus == HttpStatusCode.OK, unshelveBody);
        Assert.Null(engine.ActiveAlarms.Single(alarm => alarm.RuleId == "temperature-high").ShelvedUntil);
        Assert.Equal(HttpStatusCode.Conflict, lifeSafetyStatus);
        Assert.Contains("Not done:", lifeSafetyBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_ShowInstanceState()
    {
        using var client = await fixture.LoggedInClientAsync();

        var (status, body) = await client.GetPageAsync("/rules");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-rule=\"fire-alarm\"", body, StringComparison.Ordinal);
        Assert.Contains("life safety", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_ChartsRecordedValues()
    {
        using var client = await fixture.LoggedInClientAsync();
        string body = string.Empty;

        var charted = await Eventually.WaitUntilAsync(() =>
        {
            body = client.GetPageAsync("/history?point=room-201-air.co2").GetAwaiter().GetResult().Body;
            return body.Contains("<svg", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10));

        Assert.True(charted, body);
        Assert.Contains("<polyline points=\"", body, StringComparison.Ordinal);
        Assert.Contains(">612ppm<", body.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private IReadOnlyList<(string Name, string Method, string Path, bool Anonymous)> Routes()
    {
        var services = fixture.Rig.Console.Services ?? throw new InvalidOperationException("The console has not started.");
        return [.. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
            {
                var path = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
                return (Name: $"{method} {path}", Method: method, Path: path, Anonymous: endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null);
            }))];
    }

    /// <summary>Trips the smoke contact and waits until the fire-alarm rule keeps the siren on.</summary>
    private async Task HoldSirenAsync()
    {
        var engine = fixture.Rig.Host.Services.GetRequiredService<RuleEngine>();
        fixture.Rig.SetSmoke(true);
        Assert.True(await Eventually.WaitUntilAsync(() => engine.HeldOutputs.Any(hold => hold.Output == new PointId("fire-panel", "siren")), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Overview_CountsDevicesWithoutStatus()
    {
        using var client = await fixture.LoggedInClientAsync();

        var (status, body) = await client.GetPageAsync("/");

        // board-201 never connects in the rig, so it has reported neither online nor offline.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches(@"<strong>\d+ online, \d+ offline, 1 waiting for first data</strong>", body);
    }

    [Fact]
    public async Task History_CaptionShowsUnit()
    {
        using var client = await fixture.LoggedInClientAsync();
        Assert.True(await Eventually.WaitUntilAsync(() => fixture.Rig.Host.Services.GetRequiredService<SmartCampus.Edge.Gateway.Pipeline.PointTable>().TryGet(PointId.Parse("room-201-air.co2"), out _), TimeSpan.FromSeconds(10)));

        var (status, body) = await client.GetPageAsync("/history?point=room-201-air.co2");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches(@"room-201-air\.co2: <strong>\d+ ppm</strong>", body);
    }
}
