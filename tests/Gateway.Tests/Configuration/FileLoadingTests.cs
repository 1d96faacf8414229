using System.Text;
using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>Loads real files from a temporary folder.</summary>
public sealed class FileLoadingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("smartcampus-config-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void MissingFile_ReportedWithPath()
    {
        var path = Path.Combine(folder, "absent", "campus.yaml");

        var result = SiteConfigurationLoader.Load(path, SiteYaml.English);

        var problem = SiteYaml.Single(result);
        Assert.Equal(ConfigurationProblemKind.FileNotFound, problem.Kind);
        Assert.Equal(0, problem.Line);
        Assert.Contains(path, problem.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{path}: Configuration file", ConfigurationReport.FormatLines(result)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_ReportedUnreadable()
    {
        var result = SiteConfigurationLoader.Load(folder, SiteYaml.English);

        Assert.Equal(ConfigurationProblemKind.FileUnreadable, SiteYaml.Single(result).Kind);
    }

    [Fact]
    public void GbkText_ReportedNotUtf8()
    {
        var path = Path.Combine(folder, "campus.yaml");
        var utf8 = Encoding.UTF8.GetBytes(SiteYaml.Valid);
        var nameLine = SiteYaml.LineOf(SiteYaml.Valid, "测试小学");

        // The school name replaced by "测试" in GBK, as an editor set to GBK would save it.
        var gbkName = new byte[] { 0xB2, 0xE2, 0xCA, 0xD4 };
        var nameOffset = SiteYaml.Valid.IndexOf("测试小学", StringComparison.Ordinal);
        var byteOffset = Encoding.UTF8.GetByteCount(SiteYaml.Valid[..nameOffset]);
        var bytes = utf8[..byteOffset].Concat(gbkName).Concat(utf8[(byteOffset + Encoding.UTF8.GetByteCount("测试小学"))..]).ToArray();
        File.WriteAllBytes(path, bytes);

        var problem = SiteYaml.Single(SiteConfigurationLoader.Load(path, SiteYaml.English));

        Assert.Equal(ConfigurationProblemKind.SyntaxError, problem.Kind);
        Assert.Equal(nameLine, problem.Line);
        Assert.Contains("UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ByteOrderMark_Accepted()
    {
        var path = Path.Combine(folder, "campus.yaml");
        File.WriteAllText(path, SiteYaml.Valid, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var result = SiteConfigurationLoader.Load(path);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
    }

    [Fact]
    public void DataDirectory_RelativeToFile()
    {
        var path = Path.Combine(folder, "campus.yaml");
        File.WriteAllText(path, SiteYaml.Valid);

        var result = SiteConfigurationLoader.Load(path);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.Equal(Path.Combine(folder, "data"), result.Configuration.Gateway.DataDirectory);
    }

    [Fact]
    public void PasswordFile_ResolvedWhenPresent()
    {
        File.WriteAllText(Path.Combine(folder, "district.password"), "secret\n");
        var path = Path.Combine(folder, "campus.yaml");
        File.WriteAllText(path, SiteYaml.With("  host: 127.0.0.1\ndevices:", "  host: 127.0.0.1\n  username: gw\n  passwordFile: district.password\ndevices:"));

        var result = SiteConfigurationLoader.Load(path);

        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        Assert.Equal(Path.Combine(folder, "district.password"), result.Configuration.District.PasswordFile);
    }

    [Fact]
    public void PasswordFile_MissingReported()
    {
        var path = Path.Combine(folder, "campus.yaml");
        var yaml = SiteYaml.With("  host: 127.0.0.1\ndevices:", "  host: 127.0.0.1\n  username: gw\n  passwordFile: absent.password\ndevices:");
        File.WriteAllText(path, yaml);

        var problem = SiteYaml.Single(SiteConfigurationLoader.Load(path, SiteYaml.English));

        Assert.Equal(ConfigurationProblemKind.FileNotFound, problem.Kind);
        Assert.Equal("district.passwordFile", problem.Path);
        Assert.Equal(SiteYaml.LineOf(yaml, "passwordFile"), problem.Line);
        Assert.Contains(Path.Combine(folder, "absent.password"), problem.Message, StringComparison.Ordinal);
    }
}
