using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartCampus.Edge.Gateway.Downlink;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.WebConsole.Configuration;
using SmartCampus.Edge.Gateway.WebConsole.Pages;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>
/// Applying a configuration from the console: the confirmation step, the write through the district update's
/// staging, the controlled restart, and the overview after a restart with the new file on trial or rolled back.
/// Each test runs its own gateway with a campus.yaml on disk, since an apply stops the host.
/// </summary>
public sealed partial class ConsoleApplyTests
{
    private const string Username = "technician";
    private const string Password = "correct-horse-battery";

    [Fact]
    public async Task Apply_WritesFileAndRestarts()
    {
        await using var rig = await ConsoleRig.StartAsync(configurationFile: true);
        using var client = new ConsoleClient(rig);
        await client.SetUpAsync(rig, Username, Password);
        var original = await File.ReadAllTextAsync(rig.ConfigurationPath);
        var changed = original.Replace("name: 测试学校", "name: 测试学校（新校区）", StringComparison.Ordinal);

        var (checkStatus, checkPage, _) = await client.PostFormAsync("/configuration", "/configuration/validate", new Dictionary<string, string> { ["yaml"] = changed });

        Assert.True(checkStatus == HttpStatusCode.OK, checkPage);
        Assert.Contains("-   name: 测试学校\n", WebUtility.HtmlDecode(checkPage), StringComparison.Ordinal);
        Assert.Contains("+   name: 测试学校（新校区）", WebUtility.HtmlDecode(checkPage), StringComparison.Ordinal);
        Assert.Contains("campus.yaml.previous", checkPage, StringComparison.Ordinal);
        Assert.Contains("id=\"apply\"", checkPage, StringComparison.Ordinal);

        var (applyStatus, applyPage, _) = await client.PostFormAsync("/configuration", "/configuration/apply", new Dictionary<string, string>
        {
            ["yaml"] = HiddenField(checkPage, "yaml"),
            ["base"] = HiddenField(checkPage, "base"),
        });

        Assert.True(applyStatus == HttpStatusCode.OK, applyPage);
        Assert.Contains("The gateway restarts in 2 s", applyPage, StringComparison.Ordinal);
        Assert.Equal(changed, await File.ReadAllTextAsync(rig.ConfigurationPath));
        Assert.Equal(original, await File.ReadAllTextAsync(PendingConfiguration.PreviousPath(rig.ConfigurationPath)));
        var pending = PendingConfiguration.Read(rig.ConfigurationPath);
        Assert.NotNull(pending);
        Assert.StartsWith("console-technician-", pending.CommandId, StringComparison.Ordinal);
        Assert.True(rig.Host.Services.GetRequiredService<GatewayRestart>().Requested);
        var stopping = rig.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        Assert.True(await Eventually.WaitUntilAsync(() => stopping.IsCancellationRequested, TimeSpan.FromSeconds(10)), "The host did not stop for the restart.");
        Assert.Contains($"Audit: {Username} from 127.0.0.1 config-apply configuration {pending.NewVersion}: written as {pending.CommandId}; restarting", rig.ReadLog(), StringComparison.Ordinal);

        // The next start, as systemd makes it, takes the new file on trial.
        var change = ConfigurationTrial.PrepareStart(rig.ConfigurationPath);
        Assert.Equal(ConfigurationChangeOutcome.OnTrial, change?.Outcome);
    }

    [Fact]
    public async Task Validate_WarningsShownApplyOffered()
    {
        await using var rig = await ConsoleRig.StartAsync(configurationFile: true);
        using var client = new ConsoleClient(rig);
        await client.SetUpAsync(rig, Username, Password);
        var original = await File.ReadAllTextAsync(rig.ConfigurationPath);
        var registerNumber = original.Replace("address: 1\n", "address: 40002\n", StringComparison.Ordinal);
        Assert.NotEqual(original, registerNumber);

        var (status, encoded, _) = await client.PostFormAsync("/configuration", "/configuration/validate", new Dictionary<string, string> { ["yaml"] = registerNumber });
        var page = WebUtility.HtmlDecode(encoded);

        Assert.True(status == HttpStatusCode.OK, page);
        Assert.Contains("Read the warnings below (1) before you apply it.", page, StringComparison.Ordinal);
        Assert.Contains("<section id=\"warnings\"", page, StringComparison.Ordinal);
        Assert.Contains("Warning: point room-201-air.temperature has `address: 40002`, which looks like a 4xxxx register number", page, StringComparison.Ordinal);
        var warnedLine = registerNumber[..registerNumber.IndexOf("address: 40002", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        Assert.Contains($"campus.yaml:{warnedLine}:", page, StringComparison.Ordinal);
        Assert.Contains("write `address: 1`", page, StringComparison.Ordinal);
        Assert.Contains("id=\"apply\"", page, StringComparison.Ordinal);

        var (applyStatus, applyPage, _) = await client.PostFormAsync("/configuration", "/configuration/apply", new Dictionary<string, string>
        {
            ["yaml"] = HiddenField(encoded, "yaml"),
            ["base"] = HiddenField(encoded, "base"),
        });

        Assert.True(applyStatus == HttpStatusCode.OK, applyPage);
        Assert.Equal(registerNumber, await File.ReadAllTextAsync(rig.ConfigurationPath));
    }

    [Fact]
    public async Task Apply_StaleOrInvalid_Rejected()
    {
        await using var rig = await ConsoleRig.StartAsync(configurationFile: true);
        using var client = new ConsoleClient(rig);
        await client.SetUpAsync(rig, Username, Password);
        var original = await File.ReadAllTextAsync(rig.ConfigurationPath);
        var changed = original.Replace("name: 测试学校", "name: 另一所学校", StringComparison.Ordinal);
        var currentVersion = ConfigurationVersion.OfFile(rig.ConfigurationPath);

        var (staleStatus, stalePage, _) = await client.PostFormAsync("/configuration", "/configuration/apply", new Dictionary<string, string> { ["yaml"] = changed, ["base"] = "0123456789ab" });
        var (invalidStatus, invalidPage, _) = await client.PostFormAsync("/configuration", "/configuration/apply", new Dictionary<string, string> { ["yaml"] = original.Replace("pollInterval: 200ms", "pollInterval: soon", StringComparison.Ordinal), ["base"] = currentVersion });

        Assert.Equal(HttpStatusCode.Conflict, staleStatus);
        Assert.Contains("changed after this file was checked", stalePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalidStatus);
        Assert.Contains("pollInterval", invalidPage, StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllTextAsync(rig.ConfigurationPath));
        Assert.Null(PendingConfiguration.Read(rig.ConfigurationPath));
        Assert.False(rig.Host.Services.GetRequiredService<GatewayRestart>().Requested);
    }

    [Fact]
    public async Task Overview_NewFileOnTrial()
    {
        await using var rig = await ConsoleRig.StartAsync(configurationFile: true, beforeStart: path => WritePending(path, startAttempts: 0));
        using var client = new ConsoleClient(rig);
        await client.SetUpAsync(rig, Username, Password);

        var (status, body) = await client.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("(console-technician-1) is on trial; it is kept after 60 s of running, otherwise version 000000000000 is put back.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_FailedTrialRolledBack()
    {
        await using var rig = await ConsoleRig.StartAsync(configurationFile: true, beforeStart: path => WritePending(path, startAttempts: 1));
        using var client = new ConsoleClient(rig);
        await client.SetUpAsync(rig, Username, Password);

        var (status, body) = await client.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("(console-technician-1) was rolled back; version 000000000000 is in force.", body, StringComparison.Ordinal);
        Assert.Contains("did not run for the confirmation time", body, StringComparison.Ordinal);
        Assert.Null(PendingConfiguration.Read(rig.ConfigurationPath));
    }

    [Fact]
    public async Task Overview_RollbackReasonInChinese()
    {
        await using var rig = await ConsoleRig.StartAsync(configurationFile: true, beforeStart: path => WritePending(path, startAttempts: 1));
        using var client = new ConsoleClient(rig);
        await client.SetUpAsync(rig, Username, Password);
        client.Cookies.Add(rig.BaseAddress, new Cookie(ConsoleForms.LanguageCookie, "zh-CN"));

        var (status, encoded) = await client.GetPageAsync("/");
        var body = WebUtility.HtmlDecode(encoded);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("已回滚", body, StringComparison.Ordinal);
        Assert.Contains("原因：网关使用新配置运行未达到确认时间（已停止、崩溃或启动失败）。", body, StringComparison.Ordinal);
        Assert.DoesNotContain("did not run for the confirmation time", body, StringComparison.Ordinal);
    }

    [Fact]
    public void RollbackInvalid_ReportInPageLanguage()
    {
        var (chinese, english) = DescribeInBothLanguages(new ConfigurationChange(
            "console-lin-1", ConfigurationChangeOutcome.RolledBack, "111111111111", "000000000000",
            Reason: "The new configuration is invalid: campus.yaml:3:5 problem", Cause: ConfigurationRollbackCause.Invalid, Report: "campus.yaml:3:5 problem"));

        Assert.Equal("版本 111111111111（console-lin-1）已回滚；当前生效的是版本 000000000000。原因：新配置无效：campus.yaml:3:5 problem", chinese?.Text);
        Assert.EndsWith("Reason: The new configuration is invalid: campus.yaml:3:5 problem", english?.Text, StringComparison.Ordinal);
        Assert.False(chinese?.Good);
    }

    [Fact]
    public void HandEdit_NotCalledRollback()
    {
        var (chinese, english) = DescribeInBothLanguages(
            new ConfigurationChange("cfg-8", ConfigurationChangeOutcome.Superseded, "111111111111", "000000000000") { EditedVersion = "222222222222" });

        Assert.Equal("版本 111111111111（cfg-8）已被对配置文件的手动修改取代；当前生效的是修改后的文件，版本 222222222222，未进行回滚。", chinese?.Text);
        Assert.Equal(
            "Version 111111111111 (cfg-8) was replaced by a hand edit of the configuration file; the edited file, version 222222222222, is in force and nothing was rolled back.",
            english?.Text);
    }

    [Fact]
    public async Task Apply_SameVersion_ReasonInChinese()
    {
        await using var rig = await ConsoleRig.StartAsync(configurationFile: true);
        using var client = new ConsoleClient(rig);
        await client.SetUpAsync(rig, Username, Password);
        client.Cookies.Add(rig.BaseAddress, new Cookie(ConsoleForms.LanguageCookie, "zh-CN"));
        var original = await File.ReadAllTextAsync(rig.ConfigurationPath);
        var version = ConfigurationVersion.OfFile(rig.ConfigurationPath);

        var (status, encoded, _) = await client.PostFormAsync("/configuration", "/configuration/apply", new Dictionary<string, string> { ["yaml"] = original, ["base"] = version });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains($"配置版本 {version} 已在生效；未做任何更改。", WebUtility.HtmlDecode(encoded), StringComparison.Ordinal);
        Assert.False(rig.Host.Services.GetRequiredService<GatewayRestart>().Requested);
    }

    /// <summary>
    /// Leaves campus.yaml as an update that was written before the restart: the same file as its own previous copy
    /// (so a rollback keeps the rig valid) and a marker counting <paramref name="startAttempts"/> earlier starts.
    /// </summary>
    private static void WritePending(string path, int startAttempts)
    {
        File.Copy(path, PendingConfiguration.PreviousPath(path));
        new PendingConfiguration("console-technician-1", ConfigurationVersion.OfFile(path), "000000000000", startAttempts).Write(path);
    }

    private static string HiddenField(string page, string name) =>
        HiddenFieldPattern().Matches(page).FirstOrDefault(match => match.Groups[1].Value == name) is { } match
            ? WebUtility.HtmlDecode(match.Groups[2].Value)
            : throw new InvalidOperationException($"No hidden field {name} in the page:\n{page}");

    [GeneratedRegex("<input type=\"hidden\" name=\"([a-z]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenFieldPattern();

    /// <summary>Describes <paramref name="change"/> as the overview would, once with a Chinese page and once with an English one.</summary>
    private static ((string Text, bool Good)? Chinese, (string Text, bool Good)? English) DescribeInBothLanguages(ConfigurationChange change)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("smartcampus-change-status-").FullName, "campus.yaml");
        File.WriteAllText(path, "school: {}\n");
        var settings = new GatewayHostSettings { ConfigurationPath = path, ConfigurationChange = change };
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            var chinese = ConfigurationChangeStatus.Describe(settings);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            return (chinese, ConfigurationChangeStatus.Describe(settings));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
