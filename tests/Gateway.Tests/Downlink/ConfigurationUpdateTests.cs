using System.Globalization;
using System.Text;
using SmartCampus.Edge.Gateway.Downlink;
using SmartCampus.Edge.Gateway.Tests.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Downlink;

/// <summary>Staging, trial start and rollback of a district configuration update, on real files in a temp folder.</summary>
public sealed class ConfigurationUpdateTests : IDisposable
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-config-update-").FullName;
    private readonly string _path;

    public ConfigurationUpdateTests()
    {
        _path = Path.Combine(_directory, "campus.yaml");
        File.WriteAllText(_path, SiteYaml.Valid);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Changed => SiteYaml.Valid.Replace("name: 测试小学", "name: 测试中学", StringComparison.Ordinal);

    [Fact]
    public void Stage_Invalid_RejectedWithReportFileKept()
    {
        var invalid = SiteYaml.Valid.Replace("above: 1500", "above: lots", StringComparison.Ordinal);

        var staged = new ConfigurationUpdater(_path, English).Stage("cmd-1", invalid);

        Assert.Equal("rejected", staged.Result.Status);
        Assert.False(staged.RestartNeeded);
        Assert.Contains("campus.yaml:", staged.Result.Reason, StringComparison.Ordinal);
        Assert.Contains("above", staged.Result.Reason, StringComparison.Ordinal);
        Assert.Equal(SiteYaml.Valid, File.ReadAllText(_path));
        Assert.Null(PendingConfiguration.Read(_path));
    }

    [Fact]
    public void Stage_BrokenDeviceWithStartWithoutKey_Rejected()
    {
        // The choice to start without broken devices is for the gateway's own file; a district update stays all or nothing.
        var broken = SiteYaml.Valid
            .Replace("address: 0", "address: 70000", StringComparison.Ordinal)
            .Replace("  dataDirectory: ./data", "  dataDirectory: ./data\n  startWithoutBrokenDevices: true", StringComparison.Ordinal);

        var staged = new ConfigurationUpdater(_path, English).Stage("cmd-1", broken);

        Assert.Equal("rejected", staged.Result.Status);
        Assert.False(staged.RestartNeeded);
        Assert.Contains("devices[0].points[0].address", staged.Result.Reason, StringComparison.Ordinal);
        Assert.Equal(SiteYaml.Valid, File.ReadAllText(_path));
        Assert.Null(PendingConfiguration.Read(_path));
    }

    [Fact]
    public void Stage_Valid_WrittenWithPreviousAndMarker()
    {
        var staged = new ConfigurationUpdater(_path, English).Stage("cmd-2", Changed);

        Assert.Equal("ok", staged.Result.Status);
        Assert.True(staged.RestartNeeded);
        Assert.Equal(Changed, File.ReadAllText(_path));
        Assert.Equal(SiteYaml.Valid, File.ReadAllText(PendingConfiguration.PreviousPath(_path)));
        var pending = Assert.IsType<PendingConfiguration>(PendingConfiguration.Read(_path));
        Assert.Equal("cmd-2", pending.CommandId);
        Assert.Equal(ConfigurationVersion.Of(Encoding.UTF8.GetBytes(Changed)), pending.NewVersion);
        Assert.Equal(0, pending.StartAttempts);
    }

    [Fact]
    public void Stage_SameVersion_NoRestart()
    {
        var staged = new ConfigurationUpdater(_path, English).Stage("cmd-3", SiteYaml.Valid);

        Assert.Equal("ok", staged.Result.Status);
        Assert.False(staged.RestartNeeded);
        Assert.Null(PendingConfiguration.Read(_path));
    }

    [Fact]
    public void Stage_WhileOnePending_Rejected()
    {
        var updater = new ConfigurationUpdater(_path, English);
        updater.Stage("cmd-4", Changed);

        var second = updater.Stage("cmd-5", Changed.Replace("测试中学", "测试大学", StringComparison.Ordinal));

        Assert.Equal("rejected", second.Result.Status);
        Assert.Contains("cmd-4", second.Result.Reason, StringComparison.Ordinal);
        Assert.Equal(Changed, File.ReadAllText(_path));
    }

    [Fact]
    public void Stage_WhileOnTrial_SaysWhenTrialEnds()
    {
        var updater = new ConfigurationUpdater(_path, English);
        updater.Stage("cmd-6", Changed);
        var start = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(ConfigurationChangeOutcome.OnTrial, ConfigurationTrial.PrepareStart(_path, English, start)?.Outcome);

        var second = updater.Stage("cmd-7", Changed.Replace("测试中学", "测试大学", StringComparison.Ordinal));

        Assert.Equal("rejected", second.Result.Status);
        Assert.Contains("2026-09-01 08:01:00Z", second.Result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("after the gateway has restarted", second.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PlannedRestart_NextStartStillOnTrial()
    {
        new ConfigurationUpdater(_path, English).Stage("cmd-8", Changed);
        Assert.Equal(ConfigurationChangeOutcome.OnTrial, ConfigurationTrial.PrepareStart(_path, English)?.Outcome);

        ConfigurationTrial.KeepForPlannedRestart(_path);
        var next = ConfigurationTrial.PrepareStart(_path, English);

        Assert.Equal(ConfigurationChangeOutcome.OnTrial, next?.Outcome);
        Assert.Equal(Changed, File.ReadAllText(_path));
    }

    [Fact]
    public void Trial_ConfirmedKeepsNewFile()
    {
        new ConfigurationUpdater(_path, English).Stage("cmd-6", Changed);

        var change = ConfigurationTrial.PrepareStart(_path, English);
        ConfigurationTrial.Confirm(_path);

        Assert.Equal(ConfigurationChangeOutcome.OnTrial, change?.Outcome);
        Assert.Null(ConfigurationTrial.PrepareStart(_path, English));
        Assert.Equal(Changed, File.ReadAllText(_path));
    }

    [Fact]
    public void Trial_StartWithoutConfirm_RolledBack()
    {
        new ConfigurationUpdater(_path, English).Stage("cmd-7", Changed);
        Assert.Equal(ConfigurationChangeOutcome.OnTrial, ConfigurationTrial.PrepareStart(_path, English)?.Outcome);

        // The trial start crashed before the confirmation time: systemd starts the gateway again.
        var change = ConfigurationTrial.PrepareStart(_path, English);

        Assert.Equal(ConfigurationChangeOutcome.RolledBack, change?.Outcome);
        Assert.Equal("cmd-7", change?.CommandId);
        Assert.Equal(SiteYaml.Valid, File.ReadAllText(_path));
        Assert.Null(PendingConfiguration.Read(_path));
        Assert.Null(ConfigurationTrial.PrepareStart(_path, English));
    }

    [Fact]
    public void Trial_NewFileInvalid_RolledBack()
    {
        new ConfigurationUpdater(_path, English).Stage("cmd-8", Changed);
        var broken = Changed.Replace("above: 1500", "above: lots", StringComparison.Ordinal);
        File.WriteAllText(_path, broken);
        var pending = PendingConfiguration.Read(_path)!;
        (pending with { NewVersion = ConfigurationVersion.OfFile(_path) }).Write(_path);

        var change = ConfigurationTrial.PrepareStart(_path, English);

        Assert.Equal(ConfigurationChangeOutcome.RolledBack, change?.Outcome);
        Assert.Contains("invalid", change?.Reason, StringComparison.Ordinal);
        Assert.Equal(SiteYaml.Valid, File.ReadAllText(_path));
    }

    [Theory]
    [InlineData("en", "The hand edit wins", "nothing was rolled back")]
    [InlineData("zh-CN", "以手动修改为准", "未进行回滚")]
    public void Trial_HandEdited_KeptNotRolledBack(string language, string wins, string nothingRolledBack)
    {
        new ConfigurationUpdater(_path, English).Stage("cmd-10", Changed);
        var edited = SiteYaml.Valid.Replace("above: 1500", "above: 1700", StringComparison.Ordinal);
        File.WriteAllText(_path, edited);

        var change = ConfigurationTrial.PrepareStart(_path, CultureInfo.GetCultureInfo(language));

        Assert.Equal(ConfigurationChangeOutcome.Superseded, change?.Outcome);
        Assert.Equal(ConfigurationVersion.OfFile(_path), change?.InForceVersion);
        Assert.Contains(wins, change?.Reason, StringComparison.Ordinal);
        Assert.Contains(nothingRolledBack, change?.Reason, StringComparison.Ordinal);
        Assert.Equal(edited, File.ReadAllText(_path));
        Assert.Null(PendingConfiguration.Read(_path));
    }

    [Fact]
    public void Trial_NewFileNotInPlace_MarkerDropped()
    {
        new PendingConfiguration("cmd-9", "0123456789ab", ConfigurationVersion.OfFile(_path), 0).Write(_path);

        var change = ConfigurationTrial.PrepareStart(_path, English);

        Assert.Equal(ConfigurationChangeOutcome.RolledBack, change?.Outcome);
        Assert.Equal(SiteYaml.Valid, File.ReadAllText(_path));
        Assert.Null(PendingConfiguration.Read(_path));
    }
}
