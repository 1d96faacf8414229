using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>
/// Named accounts in headless Chromium: an administrator adds a technician on the accounts page, the technician signs
/// in with the one-time code and is held to the technician role, and a password change logs out another browser.
/// </summary>
public sealed class ConsoleAccountsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string AdminPassword = "correct-horse-battery";
    private const string TechnicianPassword = "boiler-room-2026";

    [Fact]
    public async Task AdminAddsTechnician_TechnicianLimitedInChinese()
    {
        await using var rig = await ConsoleRig.StartAsync(configurationFile: true);
        using (var setup = new ConsoleClient(rig, IPAddress.Parse("127.0.0.4")))
        {
            await setup.SetUpAsync(rig, "admin", AdminPassword);
        }

        var admin = await LogInAsync(rig, "admin", AdminPassword);
        await admin.ClickAsync("nav a[href='/accounts']");
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Console accounts");
        await admin.FillAsync("#new-username", "lin");
        await admin.SelectOptionAsync("#new-role", "technician");
        await admin.ClickAsync("#add-account");
        await Expect(admin.Locator(".banner").First).ToHaveTextAsync("Account lin added as Technician.");
        var code = await admin.Locator("#one-time-code").InnerTextAsync();
        await Expect(admin.Locator("tr[data-account='lin'] [data-field='role']")).ToHaveTextAsync("Technician");

        var technician = await browser.NewPageAsync("zh-CN");
        await technician.GotoAsync(new Uri(rig.BaseAddress, "/login").ToString());
        await technician.ClickAsync("#language-switch");
        await Expect(technician.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await technician.FillAsync("#username", "lin");
        await technician.FillAsync("#password", code);
        await technician.ClickAsync("#submit");
        await Expect(technician).ToHaveURLAsync(new Uri(rig.BaseAddress, "/password").ToString());
        await Expect(technician.Locator(".banner")).ToContainTextAsync("您使用一次性代码登录");
        await technician.FillAsync("#current", code);
        await technician.FillAsync("#password", TechnicianPassword);
        await technician.FillAsync("#repeat", TechnicianPassword);
        await technician.ClickAsync("#submit");
        await Expect(technician.Locator(".banner")).ToContainTextAsync("密码已修改。");

        await Expect(technician.Locator("nav a[href='/accounts']")).ToHaveCountAsync(0);
        var response = await technician.GotoAsync(new Uri(rig.BaseAddress, "/accounts").ToString());
        Assert.Equal(403, response?.Status);
        await Expect(technician.Locator("h1")).ToHaveTextAsync("无权访问");
        await Expect(technician.Locator("#forbidden")).ToHaveTextAsync("此页面或操作需要管理员账户。请联系本网关的管理员。");

        await technician.GotoAsync(new Uri(rig.BaseAddress, "/configuration").ToString());
        await technician.FillAsync("#yaml", await File.ReadAllTextAsync(rig.ConfigurationPath) + "\n# by lin\n");
        await technician.ClickAsync("#validate");
        await Expect(technician.Locator(".banner")).ToContainTextAsync("只有管理员可以查看变更并应用此文件。");
        await Expect(technician.Locator("#apply")).ToHaveCountAsync(0);

        // The page has no apply button for a technician, so post the apply form the way a hand-made page would.
        await technician.EvaluateAsync("""
            () => {
              const form = document.createElement('form');
              form.method = 'post';
              form.action = '/configuration/apply';
              for (const [name, value] of [['yaml', document.querySelector('#yaml').value], ['base', 'x'], ['__csrf', document.querySelector('input[name=__csrf]').value]]) {
                const input = document.createElement('input');
                input.type = 'hidden';
                input.name = name;
                input.value = value;
                form.appendChild(input);
              }
              document.body.appendChild(form);
              form.submit();
            }
            """);
        await Expect(technician.Locator("h1")).ToHaveTextAsync("无权访问");
        Assert.DoesNotContain("# by lin", await File.ReadAllTextAsync(rig.ConfigurationPath), StringComparison.Ordinal);
        Assert.Contains("Audit: lin from 127.0.0.1 access POST /configuration/apply: rejected: administrator role required", rig.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordChange_LogsOutOtherBrowser()
    {
        await using var rig = await ConsoleRig.StartAsync();
        using (var setup = new ConsoleClient(rig, IPAddress.Parse("127.0.0.5")))
        {
            await setup.SetUpAsync(rig, "admin", AdminPassword);
        }

        var laptop = await LogInAsync(rig, "admin", AdminPassword);
        var phone = await LogInAsync(rig, "admin", AdminPassword);
        await phone.GotoAsync(new Uri(rig.BaseAddress, "/devices").ToString());
        await Expect(phone.Locator("h1")).ToHaveTextAsync("Devices");

        await laptop.ClickAsync("#password-link");
        await laptop.FillAsync("#current", AdminPassword);
        await laptop.FillAsync("#password", "staple-lamp-river-42");
        await laptop.FillAsync("#repeat", "staple-lamp-river-42");
        await laptop.ClickAsync("#submit");
        await Expect(laptop.Locator(".banner")).ToContainTextAsync("The password was changed.");

        // The devices page's live stream ends with the session, and the page then goes to the login page by itself
        // within about a second. A reload here would race with that navigation.
        await Expect(phone).ToHaveURLAsync(new Uri(rig.BaseAddress, "/login").ToString(), new() { Timeout = 15_000 });
        await Expect(phone.Locator("h1")).ToHaveTextAsync("Log in");
        await laptop.GotoAsync(new Uri(rig.BaseAddress, "/devices").ToString());
        await Expect(laptop.Locator("h1")).ToHaveTextAsync("Devices");
    }

    private async Task<IPage> LogInAsync(ConsoleRig rig, string username, string password)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(rig.BaseAddress, "/login").ToString());
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#submit");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        return page;
    }
}
