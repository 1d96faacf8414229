using System.Device.Gpio;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SmartCampus.Edge.Gateway.Devices;
using SmartCampus.Edge.Gateway.Tests.WebConsole;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Sync.Status;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Gateway.Tests.Hosting;

/// <summary>
/// A whole host started on a campus.yaml whose air sensor entry is broken and which sets
/// <c>gateway.startWithoutBrokenDevices: true</c>: the fire panel and its rule run, and the log, the console and the status name what was left out.
/// </summary>
public sealed class StartWithoutBrokenDevicesTests
{
    private const string AdminPassword = "left-out-admin-1";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task KeySet_OtherDevicesAndRulesRun()
    {
        await using var rig = await StartBrokenAsync();

        var registry = rig.Host.Services.GetRequiredService<DeviceRegistry>();
        Assert.False(registry.TryGet("room-201-air", out _));
        Assert.True(registry.TryGet("fire-panel", out _));
        rig.SetSmoke(true);
        Assert.True(await Eventually.WaitUntilAsync(() => rig.FirePanel.GetLevel(ConsoleRig.SirenPin) == PinValue.High, Wait), "The siren is not on.");
    }

    [Fact]
    public async Task KeySet_WarningNamesLeftOut()
    {
        await using var rig = await StartBrokenAsync();

        const string warning = "1108 SmartCampus.Edge.Gateway.Configuration.ConfigurationReport: Site configuration campus.yaml has problems; "
            + "started without devices room-201-air as chosen, leaving out rules temperature-high, temperature-slow "
            + "and running rules (none) without their actions on those devices";
        Assert.True(await Eventually.WaitUntilAsync(() => rig.ReadLog().Contains(warning, StringComparison.Ordinal), Wait), rig.ReadLog());
        Assert.Contains("devices[0].points[0].address: ", rig.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeySet_DistrictStatusNamesLeftOutDevice()
    {
        await using var rig = await StartBrokenAsync();

        var status = rig.Host.Services.GetRequiredService<IGatewayStatusSource>().GetStatus();

        Assert.Equal(["room-201-air"], status.DevicesLeftOut);
    }

    [Fact]
    public async Task KeySet_OverviewShowsNoticeInBothLanguages()
    {
        await using var rig = await StartBrokenAsync();
        using var client = new ConsoleClient(rig);
        await client.SetUpAsync(rig, "admin", AdminPassword);

        var (status, english) = await client.GetPageAsync("/");
        client.Cookies.Add(rig.BaseAddress, new Cookie(ConsoleForms.LanguageCookie, "zh-CN"));
        var (_, chinese) = await client.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, status);
        var notice = NoticeOf(english);
        Assert.Contains("<h2>Started without broken devices</h2>", notice, StringComparison.Ordinal);
        Assert.Contains("their points read nothing until the entries are fixed: room-201-air.", notice, StringComparison.Ordinal);
        Assert.Contains("These rules watch their points and do not run: temperature-high, temperature-slow.", notice, StringComparison.Ordinal);
        Assert.Matches(@"<li><code>campus\.yaml:\d+:\d+ devices\[0\]\.points\[0\]\.address = 70000 \(device room-201-air\): ", notice);
        var chineseNotice = NoticeOf(chinese);
        Assert.Contains("<h2>已跳过有问题的设备启动</h2>", chineseNotice, StringComparison.Ordinal);
        Assert.Contains("它们的点位没有读数：room-201-air。", chineseNotice, StringComparison.Ordinal);
        Assert.Contains("以下规则监视这些设备的点位，未运行：temperature-high, temperature-slow。", chineseNotice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidFile_OverviewHasNoNotice()
    {
        await using var rig = await ConsoleRig.StartAsync();
        using var client = new ConsoleClient(rig);
        await client.SetUpAsync(rig, "admin", AdminPassword);

        var (_, page) = await client.GetPageAsync("/");

        Assert.DoesNotContain("left-out-devices", page, StringComparison.Ordinal);
    }

    private static Task<ConsoleRig> StartBrokenAsync() =>
        ConsoleRig.StartAsync(editYaml: yaml => yaml
            .Replace("address: 0", "address: 70000", StringComparison.Ordinal)
            .Replace("  dataDirectory: ./data", "  dataDirectory: ./data\n  startWithoutBrokenDevices: true", StringComparison.Ordinal));

    private static string NoticeOf(string page)
    {
        var start = page.IndexOf("<section id=\"left-out-devices\"", StringComparison.Ordinal);
        Assert.True(start >= 0, page);
        // The console writes non-ASCII text as character references.
        return WebUtility.HtmlDecode(page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)]);
    }
}
