using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Warnings;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>Warnings of a valid file start with the same file:line:column and key path as problem lines.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WarningPositionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("warning-position-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void RegisterNumber_LocatedAtAddress()
    {
        var yaml = SiteYaml.With("address: 0", "address: 40001");
        var result = SiteYaml.Load(yaml);

        var warning = Assert.Single(ConfigurationWarnings.FormatLines(result, SiteYaml.English));

        var line = SiteYaml.LineOf(yaml, "address: 40001");
        var column = SiteYaml.ColumnOf(yaml, "40001");
        Assert.StartsWith($"campus.yaml:{line}:{column} devices[0].points[0].address (device air): Warning: point air.co2", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlap_LocatedAtLaterPoint()
    {
        var second = "      - id: co2-copy\n        function: holding\n        address: 0\n        type: uint16\n  - id: panel";
        var yaml = SiteYaml.With("  - id: panel", second);
        var result = SiteYaml.Load(yaml);

        var warning = Assert.Single(ConfigurationWarnings.FormatLines(result, SiteYaml.Chinese));

        var line = SiteYaml.LineOf(yaml, "id: co2-copy") + 2;
        Assert.StartsWith($"campus.yaml:{line}:18 devices[0].points[1].address（设备 air）: 警告：设备 air：点位 co2（地址 0）和 co2-copy（地址 0）", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void ExposedSecretFile_LocatedAtKey()
    {
        var passwordFile = Path.Combine(_directory, "district.password");
        File.WriteAllText(passwordFile, "secret");
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var yaml = SiteYaml.With("district:\n  host: 127.0.0.1\n", $"district:\n  host: 127.0.0.1\n  username: gw\n  passwordFile: {passwordFile}\n");
        var result = SiteYaml.Load(yaml);
        Assert.True(result.IsValid, ConfigurationReport.Format(result));

        var warning = Assert.Single(ConfigurationWarnings.FormatLines(result, SiteYaml.English));

        var line = SiteYaml.LineOf(yaml, "passwordFile:");
        Assert.StartsWith($"campus.yaml:{line}:17 district.passwordFile: Warning: district.passwordFile = {passwordFile}", warning, StringComparison.Ordinal);
    }
}
