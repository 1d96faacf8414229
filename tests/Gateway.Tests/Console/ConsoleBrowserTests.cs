using System.Device.Gpio;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SmartCampus.Edge.Rules.Engine;
using static Microsoft.Playwright.Assertions;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>
/// The console in headless Chromium on a phone-sized screen, as a technician uses it: first start, login, live
/// device values from pymodbus, an alarm acknowledged, a GPIO pulse, an MQTT watch, the language switch, a login burst,
/// a configuration warning.
/// </summary>
public sealed class ConsoleBrowserTests(BrowserFixture browser, ConsoleFixture fixture) : IClassFixture<BrowserFixture>, IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task FirstStart_SetupCodeThenLogin()
    {
        await using var rig = await ConsoleRig.StartAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(rig.BaseAddress.ToString());
        await Expect(page).ToHaveURLAsync(new Uri(rig.BaseAddress, "/setup").ToString());
        await Expect(page.Locator("main")).ToContainTextAsync("journalctl -u smartcampus-edge | grep 'setup code'; when run in a terminal: see the terminal output.");
        await page.FillAsync("#code", await rig.ReadSetupCodeAsync());
        await page.FillAsync("#username", "lin");
        await page.FillAsync("#password", "boiler-room-2026");
        await page.FillAsync("#repeat", "boiler-room-2026");
        await page.ClickAsync("#submit");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Overview");

        await page.ClickAsync("text=Log out (lin)");
        await Expect(page).ToHaveURLAsync(new Uri(rig.BaseAddress, "/login").ToString());
        await page.FillAsync("#username", "lin");
        await page.FillAsync("#password", "boiler-room-2026");
        await page.ClickAsync("#submit");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        await Expect(page.Locator("#backlog")).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(rig.BaseAddress, "/setup").ToString());
        await Expect(page).ToHaveURLAsync(new Uri(rig.BaseAddress, "/login").ToString());
    }

    [Fact]
    public async Task Devices_ShowLiveValueFromPymodbus()
    {
        var page = await LogInAsync();
        await page.GotoAsync(new Uri(fixture.Rig.BaseAddress, "/devices").ToString());
        var co2 = page.Locator("tr[data-point='room-201-air.co2'] [data-field='value']");
        await Expect(co2).ToHaveTextAsync(ConsoleRig.InitialCo2.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.EvaluateAsync("() => { window.stillSamePage = true; }");

        await fixture.Rig.Sensor.SetHoldingRegistersAsync(0, [1234], CancellationToken.None);

        await Expect(co2).ToHaveTextAsync("1234");
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillSamePage === true"), "The value changed through a page reload, not the live stream.");
        await Expect(page.Locator("section[data-device='room-201-air'] [data-field='online']")).ToHaveTextAsync("Online");
    }

    [Fact]
    public async Task Devices_OfflineKeepsLastSeenAndShowsReason()
    {
        await using var rig = await ConsoleRig.StartAsync();
        using (var client = new ConsoleClient(rig))
        {
            await client.SetUpAsync(rig, ConsoleFixture.Username, ConsoleFixture.Password);
        }

        var page = await LogInAsync(rig);
        await page.GotoAsync(new Uri(rig.BaseAddress, "/devices").ToString());
        var device = page.Locator("section[data-device='room-201-air']");
        var temperature = page.Locator("tr[data-point='room-201-air.temperature']");
        await Expect(device.Locator("[data-field='online']")).ToHaveTextAsync("Online");
        await Expect(device.Locator("[data-field='reason']")).ToBeHiddenAsync();

        await rig.Sensor.StopAsync(CancellationToken.None);

        await Expect(device.Locator("[data-field='online']")).ToHaveTextAsync("Offline", new() { Timeout = 15_000 });
        await Expect(temperature.Locator("[data-field='value']")).ToHaveTextAsync("–");
        await Expect(temperature.Locator("[data-field='unit']")).ToBeHiddenAsync();
        await Expect(device.Locator("[data-field='last-seen']")).Not.ToHaveTextAsync("–");
        await Expect(device.Locator("[data-field='reason']")).ToContainTextAsync("Last error: ");
        await Expect(device.Locator("[data-field='reason']")).ToContainTextAsync("room-201-air");

        // The page as loaded, without the live stream, shows the same.
        await page.ReloadAsync();
        await Expect(device.Locator("[data-field='last-seen']")).Not.ToHaveTextAsync("–");
        await Expect(temperature.Locator("[data-field='unit']")).ToBeHiddenAsync();
        await page.ClickAsync("#language-switch");
        await Expect(device.Locator("[data-field='reason']")).ToContainTextAsync("最近一次错误：");
        await Expect(device.Locator("[data-field='last-seen']")).Not.ToHaveTextAsync("–");
    }

    [Fact]
    public async Task Devices_LogoutInOtherTabGoesToLogin()
    {
        var page = await LogInAsync();
        await page.GotoAsync(new Uri(fixture.Rig.BaseAddress, "/devices").ToString());
        await Expect(page.Locator("tr[data-point='room-201-air.co2'] [data-field='value']")).Not.ToBeEmptyAsync();

        var otherTab = await page.Context.NewPageAsync();
        await otherTab.GotoAsync(fixture.Rig.BaseAddress.ToString());
        await otherTab.ClickAsync($"text=Log out ({ConsoleFixture.Username})");
        await Expect(otherTab).ToHaveURLAsync(new Uri(fixture.Rig.BaseAddress, "/login").ToString());

        await Expect(page).ToHaveURLAsync(new Uri(fixture.Rig.BaseAddress, "/login").ToString(), new() { Timeout = 5_000 });
    }

    [Fact]
    public async Task Alarm_AcknowledgedFromAlarmsPage()
    {
        var engine = fixture.Rig.Host.Services.GetRequiredService<RuleEngine>();
        fixture.Rig.SetSmoke(true);
        Assert.True(await Eventually.WaitUntilAsync(() => engine.ActiveAlarms.Any(alarm => alarm.RuleId == "fire-alarm"), TimeSpan.FromSeconds(10)));
        var page = await LogInAsync();

        await page.GotoAsync(new Uri(fixture.Rig.BaseAddress, "/alarms").ToString());
        var alarm = page.Locator("article[data-rule='fire-alarm']");
        await Expect(alarm).ToBeVisibleAsync();
        await alarm.Locator("button.acknowledge").ClickAsync();

        await Expect(page.Locator(".banner")).ToContainTextAsync("Alarm of rule fire-alarm acknowledged.");
        await Expect(page.Locator("article[data-rule='fire-alarm'] [data-field='state']")).ToHaveTextAsync("Acknowledged");
        await Expect(page.Locator("article[data-rule='fire-alarm'] button.acknowledge")).ToHaveCountAsync(0);
        Assert.Equal(ConsoleFixture.Username, engine.ActiveAlarms.Single(active => active.RuleId == "fire-alarm").AcknowledgedBy);
    }

    [Fact]
    public async Task Gpio_PulseRevertsOutput()
    {
        var panel = fixture.Rig.FirePanel;
        var levels = new List<PinValue>();
        panel.OutputChanged += (_, change) =>
        {
            if (change.PinNumber == ConsoleRig.RelayPin)
            {
                lock (levels)
                {
                    levels.Add(change.ChangeType == PinEventTypes.Rising ? PinValue.High : PinValue.Low);
                }
            }
        };
        var page = await LogInAsync();

        await page.GotoAsync(new Uri(fixture.Rig.BaseAddress, "/diagnostics").ToString());
        await page.SelectOptionAsync("#pulse-output", "fire-panel.relay");
        await page.SelectOptionAsync("#pulse-duration", "500");
        await page.ClickAsync("#pulse");

        await Expect(page.Locator(".banner")).ToContainTextAsync("Output fire-panel.relay pulsed for 500 ms");
        Assert.True(await Eventually.WaitUntilAsync(() => { lock (levels) { return levels.Count >= 2; } }, TimeSpan.FromSeconds(5)));
        Assert.Equal([PinValue.High, PinValue.Low], levels.Take(2));
    }

    [Fact]
    public async Task Language_SwitchesToChineseAndBack()
    {
        var page = await LogInAsync();
        await page.GotoAsync(new Uri(fixture.Rig.BaseAddress, "/devices").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Devices");

        await page.ClickAsync("#language-switch");

        await Expect(page.Locator("h1")).ToHaveTextAsync("设备");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("nav")).ToContainTextAsync("告警");
        await page.GotoAsync(new Uri(fixture.Rig.BaseAddress, "/alarms").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("告警");

        await page.ClickAsync("#language-switch");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Alarms");
    }

    [Fact]
    public async Task Login_BurstRejectedWithLockoutMessage()
    {
        await using var rig = await ConsoleRig.StartAsync();
        using (var setup = new ConsoleClient(rig, IPAddress.Parse("127.0.0.3")))
        {
            await setup.SetUpAsync(rig, "lin", "boiler-room-2026");
        }

        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(rig.BaseAddress, "/login").ToString());
        for (var attempt = 1; attempt < 5; attempt++)
        {
            await page.FillAsync("#username", "lin");
            await page.FillAsync("#password", $"guess-{attempt}");
            await page.ClickAsync("#submit");
            await Expect(page.Locator(".banner.error")).ToHaveTextAsync("Wrong user name or password.");
        }

        await page.FillAsync("#username", "lin");
        await page.FillAsync("#password", "guess-5");
        await page.ClickAsync("#submit");
        await Expect(page.Locator(".banner.error")).ToContainTextAsync("Too many failed attempts");

        await page.FillAsync("#username", "lin");
        await page.FillAsync("#password", "boiler-room-2026");
        await page.ClickAsync("#submit");
        await Expect(page.Locator(".banner.error")).ToContainTextAsync("blocked for 5 min");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Log in");
    }

    [Fact]
    public async Task MqttWatch_ListsMessagesLive()
    {
        var broker = fixture.Rig.Host.Services.GetRequiredService<SmartCampus.Edge.Gateway.Configuration.Model.SiteConfiguration>().CampusBroker;
        using var publisher = new MQTTnet.MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(new MQTTnet.MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithCredentials(broker.Username, broker.Password).Build());
        await publisher.PublishAsync(new MQTTnet.MqttApplicationMessageBuilder().WithTopic("campus/browser-watch/mode").WithPayload("exam").WithRetainFlag().Build());
        try
        {
            var page = await LogInAsync();
            await page.GotoAsync(new Uri(fixture.Rig.BaseAddress, "/diagnostics").ToString());
            await page.FillAsync("#watch-filter", "campus/browser-watch/#");
            await page.SelectOptionAsync("#watch-seconds", "5");
            await page.ClickAsync("#watch");

            var rows = page.Locator("#watch-messages tbody tr");
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.Nth(0)).ToContainTextAsync("campus/browser-watch/mode✓exam");
            await Expect(page.Locator("#watch-status")).ToContainTextAsync("Watching campus/browser-watch/# on 127.0.0.1:");
            await publisher.PublishAsync(new MQTTnet.MqttApplicationMessageBuilder().WithTopic("campus/browser-watch/co2").WithPayload("655").Build());
            await Expect(rows).ToHaveCountAsync(2);
            await Expect(rows.Nth(1)).ToContainTextAsync("campus/browser-watch/co2655");
        }
        finally
        {
            await publisher.PublishAsync(new MQTTnet.MqttApplicationMessageBuilder().WithTopic("campus/browser-watch/mode").WithRetainFlag().Build());
        }
    }

    [Fact]
    public async Task Configuration_WarningShownBesideValid()
    {
        var page = await LogInAsync();
        await page.GotoAsync(new Uri(fixture.Rig.BaseAddress, "/configuration").ToString());
        await page.FillAsync("#yaml", Configuration.SiteYaml.Valid.Replace("address: 0\n", "address: 40001\n", StringComparison.Ordinal));

        await page.ClickAsync("#validate");

        await Expect(page.Locator(".banner")).ToContainTextAsync("The configuration is valid: 3 devices, 2 rules. Read the warnings below (1) before you apply it.");
        await Expect(page.Locator(".banner.error")).ToHaveCountAsync(0);
        await Expect(page.Locator("#warnings h2")).ToHaveTextAsync("Warnings");
        await Expect(page.Locator("#warnings li")).ToContainTextAsync("point air.co2 has `address: 40001`, which looks like a 4xxxx register number");
        await Expect(page.Locator("#report")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Pages_FitPhoneWidthInBothLanguages()
    {
        var page = await LogInAsync();
        string[] paths = ["/", "/devices", "/alarms", "/rules", "/diagnostics", "/configuration", "/history?point=room-201-air.co2", "/accounts"];
        var tooWide = new List<string>();
        foreach (var language in new[] { "en", "zh-CN" })
        {
            foreach (var path in paths)
            {
                await page.GotoAsync(new Uri(fixture.Rig.BaseAddress, path).ToString());
                var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
                if (widths[0] > widths[1])
                {
                    tooWide.Add($"{language} {path}: {widths[0]} px in a {widths[1]} px window");
                }
            }

            if (language == "en")
            {
                await page.ClickAsync("#language-switch");
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
            }
        }

        Assert.Empty(tooWide);
    }

    [Fact]
    public async Task Chinese_DurationChoicesLocalized()
    {
        var page = await LogInAsync();
        await page.ClickAsync("#language-switch");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        await page.GotoAsync(new Uri(fixture.Rig.BaseAddress, "/diagnostics").ToString());
        await Expect(page.Locator("#watch-seconds option[selected]")).ToHaveTextAsync("30 秒");
        await Expect(page.Locator("#pulse-duration option[selected]")).ToHaveTextAsync("1 秒");

        await page.ClickAsync("#language-switch");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    private Task<IPage> LogInAsync() => LogInAsync(fixture.Rig);

    private async Task<IPage> LogInAsync(ConsoleRig rig)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(rig.BaseAddress, "/login").ToString());
        await page.FillAsync("#username", ConsoleFixture.Username);
        await page.FillAsync("#password", ConsoleFixture.Password);
        await page.ClickAsync("#submit");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        return page;
    }
}
