using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary><c>district.commandKeyFile</c> is read and checked by the loader, on real files in a temporary folder.</summary>
public sealed class CommandKeyFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("smartcampus-command-key-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ValidKey_Accepted()
    {
        var result = LoadWithKey(Convert.ToBase64String(new byte[32]) + "\n");

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.Equal(Path.Combine(_folder, "command.key"), result.Configuration.District.CommandKeyFile);
    }

    [Fact]
    public void NotBase64_NamesKeyAndRecipe()
    {
        var problem = SiteYaml.Single(LoadWithKey("this is not base64 at all!"));

        Assert.Equal(ConfigurationProblemKind.InvalidValue, problem.Kind);
        Assert.Equal("district.commandKeyFile", problem.Path);
        Assert.Contains(Path.Combine(_folder, "command.key"), problem.Message, StringComparison.Ordinal);
        Assert.Contains("head -c 32 /dev/urandom | base64", problem.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortKey_ReportedWithLength()
    {
        var problem = SiteYaml.Single(LoadWithKey(Convert.ToBase64String(new byte[16])));

        Assert.Equal(ConfigurationProblemKind.InvalidValue, problem.Kind);
        Assert.Equal("district.commandKeyFile", problem.Path);
        Assert.Contains("16", problem.Message, StringComparison.Ordinal);
        Assert.Contains("32", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotBase64_ChineseMessage()
    {
        var problem = SiteYaml.Single(LoadWithKey("not base64!", SiteYaml.Chinese));

        Assert.Contains("命令密钥文件", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("KeyFile", problem.Message, StringComparison.Ordinal);
    }

    private SiteConfigurationLoadResult LoadWithKey(string keyText, System.Globalization.CultureInfo? culture = null)
    {
        File.WriteAllText(Path.Combine(_folder, "command.key"), keyText);
        var path = Path.Combine(_folder, "campus.yaml");
        File.WriteAllText(path, SiteYaml.With("  host: 127.0.0.1\ndevices:", "  host: 127.0.0.1\n  commandKeyFile: command.key\ndevices:"));
        return SiteConfigurationLoader.Load(path, culture ?? SiteYaml.English);
    }
}
