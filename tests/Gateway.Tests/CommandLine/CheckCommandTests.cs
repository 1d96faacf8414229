using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.Tests.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.CommandLine;

public sealed class CheckCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-check-").FullName;

    [Fact]
    public void DemoCampus_IsValid()
    {
        var output = new StringWriter();

        var exitCode = CheckCommand.Execute(new FileInfo(RepositoryRoot.DemoConfiguration), "en", output);

        Assert.Equal(0, exitCode);
        Assert.Contains("Configuration is valid.", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "problem")]
    [InlineData("zh-CN", "问题")]
    public void BrokenAddress_ExitsTwoWithLineAndPath(string language, string summaryWord)
    {
        var demo = File.ReadAllText(RepositoryRoot.DemoConfiguration);
        var broken = demo.Replace("        address: 2\n", "        address: 70000\n", StringComparison.Ordinal);
        Assert.NotEqual(demo, broken);
        var path = Path.Combine(_directory, "campus.yaml");
        File.WriteAllText(path, broken);
        var line = broken.Split('\n').ToList().FindIndex(text => text.Contains("address: 70000", StringComparison.Ordinal)) + 1;
        var output = new StringWriter();

        var exitCode = CheckCommand.Execute(new FileInfo(path), language, output);

        Assert.Equal(2, exitCode);
        var report = output.ToString();
        Assert.Contains($"campus.yaml:{line}:", report, StringComparison.Ordinal);
        Assert.Contains("devices[0].points[0].address", report, StringComparison.Ordinal);
        Assert.Contains("70000", report, StringComparison.Ordinal);
        Assert.Contains(summaryWord, report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gateway:\n  id gw-1\n  name: x\n", 3, "上一行的键后面缺少冒号")]
    [InlineData("gateway:\n  id: gw-1\n  name\n", 3, "此行不是“键: 值”的形式")]
    [InlineData("gateway:\n  id: gw-1\n\tname: x\n", 2, "制表符（Tab）")]
    [InlineData("gateway: {id: 1\n", 2, "列表或 { } 映射没有闭合")]
    [InlineData("gateway:\n  id: gw-1\n  name: a: b\n", 3, "值中含有“: ”，需要加引号")]
    [InlineData("gateway:\n  id: gw-1\n name: x\n", 3, "缩进与上方的行不一致")]
    [InlineData("gateway:\n  id: *gw\n", 2, "锚点或别名")]
    [InlineData("gateway:\n  id: \"gw-1\n", 2, "引号没有闭合")]
    [InlineData("gateway:\n  id: \"C:\\data\"\n", 2, "无效的转义")]
    [InlineData("gateway:\n  id: @gw\n", 2, "YAML 保留的字符")]
    public void YamlSyntax_ZhCnNamesLineAndFix(string yaml, int line, string chinese)
    {
        var path = Path.Combine(_directory, "campus.yaml");
        File.WriteAllText(path, yaml);
        var output = new StringWriter();

        var exitCode = CheckCommand.Execute(new FileInfo(path), "zh-CN", output);

        Assert.Equal(2, exitCode);
        var report = output.ToString();
        Assert.Matches($@"campus\.yaml:{line}:\d+: YAML 语法错误：", report);
        Assert.Contains(chinese, report, StringComparison.Ordinal);
        Assert.DoesNotMatch("While|Mapping|found|expected|Line:", report);
    }

    [Theory]
    [InlineData("en", "Warning: point bldgA-2F-201-air.humidity has `address: 40003`, which looks like a 4xxxx register number", "write `address: 2`")]
    [InlineData("zh-CN", "警告：点位 bldgA-2F-201-air.humidity 写的是 `address: 40003`，像是 4xxxx 形式的寄存器编号", "请写 `address: 2`")]
    public void RegisterNumberAddress_WarnsButValid(string language, string warning, string fix)
    {
        var output = new StringWriter();

        var exitCode = CheckCommand.Execute(new FileInfo(WriteDemoWith("        address: 2\n", "        address: 40003\n")), language, output);

        Assert.Equal(0, exitCode);
        Assert.Contains(warning, output.ToString(), StringComparison.Ordinal);
        Assert.Contains(fix, output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Warning: device bldgA-2F-201-air: points temperature (address 1) and humidity (address 1–2) read the same register.")]
    [InlineData("zh-CN", "警告：设备 bldgA-2F-201-air：点位 temperature（地址 1）和 humidity（地址 1–2）读取了相同的寄存器。")]
    public void OverlappingPoints_WarnButValid(string language, string warning)
    {
        var output = new StringWriter();

        var exitCode = CheckCommand.Execute(new FileInfo(WriteDemoWith("        address: 2\n", "        address: 1\n")), language, output);

        Assert.Equal(0, exitCode);
        Assert.Contains(warning, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BitOfRegister_NoOverlapWarning()
    {
        var yaml = "      - id: alarm-bit\n        function: holding\n        address: 1\n        bit: 3\n      - id: humidity\n";
        var output = new StringWriter();

        var exitCode = CheckCommand.Execute(new FileInfo(WriteDemoWith("      - id: humidity\n", yaml)), "en", output);

        Assert.Equal(0, exitCode);
        Assert.Equal("Configuration is valid.", output.ToString().Trim());
    }

    [Fact]
    public void YamlSyntax_UnknownErrorKeepsParserDetail()
    {
        var path = Path.Combine(_directory, "campus.yaml");
        File.WriteAllText(path, "%YAML 9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9.9\ngateway: {}\n");
        var output = new StringWriter();

        var exitCode = CheckCommand.Execute(new FileInfo(path), "zh-CN", output);

        Assert.Equal(2, exitCode);
        Assert.Contains("YAML 语法错误。请检查此行附近的缩进", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("解析器信息：", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("(Line:", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_ZhCnNamedAsFolder()
    {
        var output = new StringWriter();

        var exitCode = CheckCommand.Execute(new FileInfo(_directory), "zh-CN", output);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{_directory} 是一个文件夹，不是配置文件。", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("denied", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_ZhCnNamesPathAndFix()
    {
        var path = Path.Combine(_directory, "no-such.yaml");
        var output = new StringWriter();

        var exitCode = CheckCommand.Execute(new FileInfo(path), "zh-CN", output);

        Assert.Equal(2, exitCode);
        Assert.Contains($"配置文件 {path} 不存在。请先创建它", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Could not find", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedLanguage_ExitsTwo()
    {
        var output = new StringWriter();

        var exitCode = CheckCommand.Execute(new FileInfo(RepositoryRoot.DemoConfiguration), "fr", output);

        Assert.Equal(2, exitCode);
        Assert.Contains("fr", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Writes the demo campus with its single occurrence of <paramref name="original"/> replaced, and returns the path.</summary>
    private string WriteDemoWith(string original, string replacement)
    {
        var path = Path.Combine(_directory, "campus.yaml");
        File.WriteAllText(path, SiteYaml.Replace(File.ReadAllText(RepositoryRoot.DemoConfiguration), original, replacement));
        return path;
    }
}
