using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Warnings;
using SmartCampus.Edge.Gateway.Hosting;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>
/// Problems and warnings of a point that comes from a device profile lead with the profile file's line and column and
/// name the site file's line that references the profile, in `check`, in the start log and in both languages.
/// </summary>
public sealed class ProfilePositionTests : IDisposable
{
    /// <summary>Point power is valid but written as register number 40010; point energy has three problems.</summary>
    private const string Profile = """
        description: test meter
        points:
          - id: power
            function: holding
            address: 40010
            type: uint16
          - id: energy
            function: holding
            address: 70000
            type: float33
            colour: red

        """;

    /// <summary>The profile with point energy fixed, so that only the warning on point power remains.</summary>
    private static readonly string WarningOnlyProfile =
        Profile.Replace("address: 70000\n    type: float33\n    colour: red\n", "address: 10\n    type: uint16\n", StringComparison.Ordinal);

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-profile-position-").FullName;

    private string SitePath => Path.Combine(_directory, "campus.yaml");

    private string ProfilePath => Path.Combine(_directory, "profiles", "meter-x.yaml");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("en", " (device air, profile meter-x referenced at {0}): Warning: point air.power has `address: 40010`")]
    [InlineData("zh-CN", "（设备 air，在 {0} 引用的设备模板 meter-x）: 警告：点位 air.power 写的是 `address: 40010`")]
    public void Check_WarningLeadsWithProfileLine(string language, string reference)
    {
        var site = WriteSite(WarningOnlyProfile);
        var output = new StringWriter();

        var exitCode = CheckCommand.Execute(new FileInfo(SitePath), language, output);

        Assert.Equal(0, exitCode);
        var expected = $"{ProfilePath}:5:14 points[0].address" + string.Format(System.Globalization.CultureInfo.InvariantCulture, reference, ProfileKey(site));
        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Single(lines, line => line.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en", " (device air, profile meter-x referenced at {0}): ")]
    [InlineData("zh-CN", "（设备 air，在 {0} 引用的设备模板 meter-x）: ")]
    public void Check_ErrorsLeadWithProfileLines(string language, string reference)
    {
        var site = WriteSite(Profile);
        var output = new StringWriter();

        var exitCode = CheckCommand.Execute(new FileInfo(SitePath), language, output);

        Assert.Equal(2, exitCode);
        var after = string.Format(System.Globalization.CultureInfo.InvariantCulture, reference, ProfileKey(site));
        var report = output.ToString();
        Assert.Contains($"{ProfilePath}:9:14 points[1].address = 70000{after}", report, StringComparison.Ordinal);
        Assert.Contains($"{ProfilePath}:10:11 points[1].type = float33{after}", report, StringComparison.Ordinal);
        Assert.Contains($"{ProfilePath}:11:5 points[1].colour = red{after}", report, StringComparison.Ordinal);
        Assert.Contains("`address: 0`", report, StringComparison.Ordinal);
        Assert.Contains("`type: uint16`", report, StringComparison.Ordinal);
        Assert.Contains("float32", report, StringComparison.Ordinal);
        Assert.DoesNotContain("In device profile", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeepsProfileLocation()
    {
        var site = WriteSite(Profile);

        var result = SiteConfigurationLoader.Load(SitePath, SiteYaml.English);

        Assert.Equal(3, result.Problems.Count);
        Assert.All(result.Problems, problem => Assert.Equal("devices[0].profile", problem.Path));
        Assert.All(result.Problems, problem => Assert.Equal(SiteYaml.LineOf(site, "profile: meter-x"), problem.Line));
        Assert.All(result.Problems, problem => Assert.Equal("air", problem.DeviceId));
        var profiles = result.Problems.Select(problem => problem.Profile).ToList();
        Assert.All(profiles, profile => Assert.Equal(ProfilePath, profile?.File));
        Assert.All(profiles, profile => Assert.Equal("meter-x", profile?.Name));
        Assert.Equal(["points[1].address", "points[1].type", "points[1].colour"], profiles.Select(profile => profile?.Path));
        Assert.Equal([9, 10, 11], profiles.Select(profile => profile?.Line ?? 0));
        Assert.Equal(["70000", "float33", "red"], profiles.Select(profile => profile?.Value));
    }

    [Fact]
    public void StartLog_WarningAsCheckPrintsIt()
    {
        var site = WriteSite(WarningOnlyProfile);
        var result = SiteConfigurationLoader.Load(SitePath, SiteYaml.English);
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        var checkLine = Assert.Single(ConfigurationWarnings.FormatLines(result, SiteYaml.English));

        using (var host = GatewayHost.Build(result.Configuration, new GatewayHostSettings { ReplaceStaticLogger = false, WriteLogToConsole = false }))
        {
            RunCommand.LogConfigurationWarnings(host, result);

            var logged = Assert.Single(host.Services.GetRequiredService<RecentLogSink>().Read(LogEventLevel.Warning, since: null));
            Assert.Equal(checkLine, logged.Message);
            Assert.Equal(1106, logged.EventId);
        }

        Assert.StartsWith($"{ProfilePath}:5:14 points[0].address (device air, profile meter-x referenced at {ProfileKey(site)})", checkLine, StringComparison.Ordinal);
        var logFile = Assert.Single(Directory.GetFiles(Path.Combine(_directory, "data", "logs")));
        Assert.Contains(checkLine, File.ReadAllText(logFile), StringComparison.Ordinal);
    }

    [Fact]
    public void StartLog_PositionsAreProperties()
    {
        var site = WriteSite(WarningOnlyProfile);
        var result = SiteConfigurationLoader.Load(SitePath, SiteYaml.English);
        var logger = new PropertyLogger();

        ConfigurationWarnings.WriteTo(logger, result);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(1106, entry.EventId.Id);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(ProfilePath, entry.Properties["ProfileFile"]);
        Assert.Equal(5, entry.Properties["ProfileLine"]);
        Assert.Equal(14, entry.Properties["ProfileColumn"]);
        Assert.Equal("points[0].address", entry.Properties["ProfileKeyPath"]);
        Assert.Equal("air", entry.Properties["DeviceId"]);
        Assert.Equal("meter-x", entry.Properties["Profile"]);
        Assert.Equal(SitePath, entry.Properties["Source"]);
        Assert.Equal(SiteYaml.LineOf(site, "profile: meter-x"), entry.Properties["Line"]);
        Assert.Equal(SiteYaml.ColumnOf(site, "meter-x"), entry.Properties["Column"]);
    }

    [Fact]
    public void StartLog_SiteWarningHasPosition()
    {
        var yaml = SiteYaml.With("address: 0", "address: 40001");
        var result = SiteYaml.Load(yaml);
        var logger = new PropertyLogger();

        ConfigurationWarnings.WriteTo(logger, result);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(1105, entry.EventId.Id);
        Assert.Equal(Assert.Single(ConfigurationWarnings.FormatLines(result, SiteYaml.English)), entry.Message);
        Assert.Equal("campus.yaml", entry.Properties["Source"]);
        Assert.Equal(SiteYaml.LineOf(yaml, "address: 40001"), entry.Properties["Line"]);
        Assert.Equal(SiteYaml.ColumnOf(yaml, "40001"), entry.Properties["Column"]);
        Assert.Equal("devices[0].points[0].address", entry.Properties["KeyPath"]);
        Assert.Equal("air", entry.Properties["DeviceId"]);
    }

    [Fact]
    public void ProblemLog_NamesProfileLine()
    {
        var site = WriteSite(Profile);
        var result = SiteConfigurationLoader.Load(SitePath, SiteYaml.Chinese);
        var logger = new PropertyLogger();

        ConfigurationReport.WriteTo(logger, result);

        var problems = logger.Entries.Where(entry => entry.EventId.Id == 1107).ToList();
        Assert.Equal(3, problems.Count);
        Assert.Equal([9, 10, 11], problems.Select(entry => (int)entry.Properties["ProfileLine"]!));
        Assert.All(problems, entry => Assert.Equal(ProfilePath, entry.Properties["ProfileFile"]));
        Assert.All(problems, entry => Assert.Equal(SiteYaml.LineOf(site, "profile: meter-x"), entry.Properties["Line"]));
        Assert.StartsWith($"Site configuration problem at {ProfilePath}:9:14 points[1].address (profile meter-x referenced at {SitePath}:", problems[0].Message, StringComparison.Ordinal);
        Assert.EndsWith("70000 is out of range: expected an integer from 0 to 65535. Example: `address: 0`.", problems[0].Message, StringComparison.Ordinal);
    }

    /// <summary>Writes campus.yaml, whose device air names profile meter-x, and the profile; returns the site text.</summary>
    private string WriteSite(string profile)
    {
        var site = SiteYaml.With("    points:\n      - id: co2\n", "    profile: meter-x\n    points:\n      - id: co2\n");
        File.WriteAllText(SitePath, site);
        Directory.CreateDirectory(Path.GetDirectoryName(ProfilePath)!);
        File.WriteAllText(ProfilePath, profile);
        return site;
    }

    /// <summary>Returns "SITE:LINE:COLUMN" of the profile name in the site file.</summary>
    private string ProfileKey(string site) => $"{SitePath}:{SiteYaml.LineOf(site, "profile: meter-x")}:{SiteYaml.ColumnOf(site, "meter-x")}";

    /// <summary>Records each entry with its structured properties, as a structured log sink receives them.</summary>
    private sealed class PropertyLogger : ILogger
    {
        public List<(LogLevel Level, EventId EventId, string Message, Dictionary<string, object?> Properties)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IReadOnlyList<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal)
                : [];
            Entries.Add((logLevel, eventId, formatter(state, exception), properties));
        }
    }
}
