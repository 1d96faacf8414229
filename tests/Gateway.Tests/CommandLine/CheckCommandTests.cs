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
        var broken = demo.Replace("        address: 0\n", "        address: 70000\n", StringComparison.Ordinal);
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

    [Fact]
    public void UnsupportedLanguage_ExitsTwo()
    {
        var output = new StringWriter();

        var exitCode = CheckCommand.Execute(new FileInfo(RepositoryRoot.DemoConfiguration), "fr", output);

        Assert.Equal(2, exitCode);
        Assert.Contains("fr", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
