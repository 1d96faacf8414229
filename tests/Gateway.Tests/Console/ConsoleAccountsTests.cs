using System.Net;
using System.Text.RegularExpressions;
using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.CommandLine.Technician;
using SmartCampus.Edge.Gateway.WebConsole.Pages;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>
/// Named accounts against a whole gateway over HTTPS: an administrator adds a technician, the technician's role
/// limits, the audit trail under each name, and sessions that end when a password changes or is reset.
/// </summary>
public sealed partial class ConsoleAccountsTests
{
    private const string Admin = "admin";
    private const string AdminPassword = "correct-horse-battery";
    private const string Technician = "lin";
    private const string TechnicianPassword = "boiler-room-2026";

    [Fact]
    public async Task Technician_ForbiddenOnAccountsAndApply()
    {
        await using var rig = await ConsoleRig.StartAsync(configurationFile: true);
        using var admin = new ConsoleClient(rig);
        await admin.SetUpAsync(rig, Admin, AdminPassword);
        using var technician = await AddTechnicianAsync(rig, admin);

        var (accountsStatus, accountsBody) = await technician.GetPageAsync("/accounts");
        var yaml = await File.ReadAllTextAsync(rig.ConfigurationPath) + "\n# edited\n";
        var (validateStatus, validateBody, _) = await technician.PostFormAsync("/configuration", "/configuration/validate", new Dictionary<string, string> { ["yaml"] = yaml });
        var (applyStatus, applyBody, _) = await technician.PostFormAsync("/configuration", "/configuration/apply", new Dictionary<string, string> { ["yaml"] = yaml, ["base"] = "x" });
        var (overviewStatus, overviewBody) = await technician.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.Forbidden, accountsStatus);
        Assert.Contains("This page or action needs an administrator account.", accountsBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, validateStatus);
        Assert.Contains("Only an administrator can see the changes and apply the file.", validateBody, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"apply\"", validateBody, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"diff\"", validateBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, applyStatus);
        Assert.Contains("<h1>Not allowed</h1>", applyBody, StringComparison.Ordinal);
        Assert.DoesNotContain("# edited", await File.ReadAllTextAsync(rig.ConfigurationPath), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, overviewStatus);
        Assert.DoesNotContain("href=\"/accounts\"", overviewBody, StringComparison.Ordinal);
        Assert.Contains("href=\"/accounts\"", (await admin.GetPageAsync("/")).Body, StringComparison.Ordinal);

        var log = rig.ReadLog();
        Assert.Contains($"Audit: {Admin} from 127.0.0.1 account-add console-account {Technician}: added as technician", log, StringComparison.Ordinal);
        Assert.Contains($"Audit: {Technician} from 127.0.0.1 login console: ok with one-time code", log, StringComparison.Ordinal);
        Assert.Contains($"Audit: {Technician} from 127.0.0.1 access GET /accounts: rejected: administrator role required", log, StringComparison.Ordinal);
        Assert.Contains($"Audit: {Technician} from 127.0.0.1 access POST /configuration/apply: rejected: administrator role required", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forbidden_PageInChinese()
    {
        await using var rig = await ConsoleRig.StartAsync();
        using var admin = new ConsoleClient(rig);
        await admin.SetUpAsync(rig, Admin, AdminPassword);
        using var technician = await AddTechnicianAsync(rig, admin);
        technician.Cookies.Add(rig.BaseAddress, new Cookie(ConsoleForms.LanguageCookie, "zh-CN"));

        var (status, encoded) = await technician.GetPageAsync("/accounts");
        var body = WebUtility.HtmlDecode(encoded);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("<h1>无权访问</h1>", body, StringComparison.Ordinal);
        Assert.Contains("此页面或操作需要管理员账户。", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneTimeCode_ForcesPasswordChange()
    {
        await using var rig = await ConsoleRig.StartAsync();
        using var admin = new ConsoleClient(rig);
        await admin.SetUpAsync(rig, Admin, AdminPassword);
        var code = await AddAccountAsync(admin, Technician, "technician");
        using var technician = new ConsoleClient(rig);

        var (loginStatus, _, loginLocation) = await technician.LogInAsync(Technician, code);
        using var devices = await technician.GetAsync("/devices");
        var (passwordStatus, passwordBody) = await technician.GetPageAsync("/password");

        Assert.Equal(HttpStatusCode.Redirect, loginStatus);
        Assert.Equal("/password", loginLocation?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, devices.StatusCode);
        Assert.Equal("/password", devices.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, passwordStatus);
        Assert.Contains("You signed in with a one-time code.", passwordBody, StringComparison.Ordinal);
        var (pulseStatus, _, _) = await technician.PostFormAsync("/password", "/diagnostics/pulse", new Dictionary<string, string> { ["output"] = "fire-panel.relay", ["milliseconds"] = "500" });
        Assert.Equal(HttpStatusCode.Forbidden, pulseStatus);

        await ChangePasswordAsync(technician, code, TechnicianPassword);

        Assert.Equal(HttpStatusCode.OK, (await technician.GetPageAsync("/devices")).Status);
        using var fresh = new ConsoleClient(rig);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.LogInAsync(Technician, code)).Status);
    }

    [Fact]
    public async Task PasswordChange_EndsOtherSessions()
    {
        await using var rig = await ConsoleRig.StartAsync();
        using var first = new ConsoleClient(rig);
        await first.SetUpAsync(rig, Admin, AdminPassword);
        using var second = new ConsoleClient(rig);
        Assert.Equal(HttpStatusCode.Redirect, (await second.LogInAsync(Admin, AdminPassword)).Status);
        Assert.Equal(HttpStatusCode.OK, (await second.GetPageAsync("/devices")).Status);

        await ChangePasswordAsync(first, AdminPassword, "staple-lamp-river-42");

        using var revoked = await second.GetAsync("/devices");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal("/login", revoked.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await first.GetPageAsync("/devices")).Status);
    }

    [Fact]
    public async Task AdminReset_EndsSessionsOfThatAccount()
    {
        await using var rig = await ConsoleRig.StartAsync();
        using var admin = new ConsoleClient(rig);
        await admin.SetUpAsync(rig, Admin, AdminPassword);
        using var technician = await AddTechnicianAsync(rig, admin);

        var (status, body, _) = await admin.PostFormAsync("/accounts", "/accounts/reset", new Dictionary<string, string> { ["username"] = Technician });

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Matches(CodePattern(), body);
        using var revoked = await technician.GetAsync("/");
        Assert.Equal("/login", revoked.Headers.Location?.OriginalString);
        Assert.Contains($"Audit: {Admin} from 127.0.0.1 account-reset console-account {Technician}: done", rig.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LastAdministrator_CannotBeDisabled()
    {
        await using var rig = await ConsoleRig.StartAsync();
        using var admin = new ConsoleClient(rig);
        await admin.SetUpAsync(rig, Admin, AdminPassword);

        var (disableStatus, disableBody, _) = await admin.PostFormAsync("/accounts", "/accounts/disable", new Dictionary<string, string> { ["username"] = Admin });
        var (deleteStatus, deleteBody, _) = await admin.PostFormAsync("/accounts", "/accounts/delete", new Dictionary<string, string> { ["username"] = Admin });

        Assert.Equal(HttpStatusCode.Conflict, disableStatus);
        Assert.Contains("admin is the last enabled administrator and cannot be disabled or deleted.", disableBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, deleteStatus);
        Assert.Contains("last enabled administrator", deleteBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetPageAsync("/accounts")).Status);
        Assert.Contains($"Audit: {Admin} from 127.0.0.1 account-disable console-account {Admin}: rejected: LastAdministrator", rig.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandLineReset_WhileGatewayRuns()
    {
        await using var rig = await ConsoleRig.StartAsync();
        using var admin = new ConsoleClient(rig);
        await admin.SetUpAsync(rig, Admin, AdminPassword);
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = ConsoleAccountCommands.ResetPassword(rig.DataDirectory, Admin, output, error, TimeProvider.System);

        Assert.True(exitCode == ExitCodes.Success, error.ToString());
        using var revoked = await admin.GetAsync("/");
        Assert.Equal("/login", revoked.Headers.Location?.OriginalString);
        using var fresh = new ConsoleClient(rig);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.LogInAsync(Admin, AdminPassword)).Status);
        var (status, _, location) = await fresh.LogInAsync(Admin, CodePattern().Match(output.ToString()).Value);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/password", location?.OriginalString);
    }

    private static async Task<ConsoleClient> AddTechnicianAsync(ConsoleRig rig, ConsoleClient admin)
    {
        var code = await AddAccountAsync(admin, Technician, "technician");
        var technician = new ConsoleClient(rig);
        var (status, body, _) = await technician.LogInAsync(Technician, code);
        Assert.True(status == HttpStatusCode.Redirect, $"Login with the one-time code answered {status}: {body}");
        await ChangePasswordAsync(technician, code, TechnicianPassword);
        return technician;
    }

    private static async Task<string> AddAccountAsync(ConsoleClient admin, string username, string role)
    {
        var (status, body, _) = await admin.PostFormAsync("/accounts", "/accounts/add", new Dictionary<string, string> { ["username"] = username, ["role"] = role });
        Assert.True(status == HttpStatusCode.OK, $"Adding {username} answered {status}: {body}");
        var code = CodePattern().Match(body);
        Assert.True(code.Success, $"No one-time code on the page: {body}");
        return code.Value;
    }

    private static async Task ChangePasswordAsync(ConsoleClient client, string current, string password)
    {
        var (status, body, _) = await client.PostFormAsync("/password", "/password", new Dictionary<string, string>
        {
            ["current"] = current,
            ["password"] = password,
            ["repeat"] = password,
        });
        Assert.True(status == HttpStatusCode.OK, $"Password change answered {status}: {body}");
        Assert.Contains("The password was changed.", body, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\d{4}-\d{4}-\d{4}")]
    private static partial Regex CodePattern();
}
