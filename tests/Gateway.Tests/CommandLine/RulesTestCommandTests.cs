using SmartCampus.Edge.Gateway.CampusBroker;
using SmartCampus.Edge.Gateway.CommandLine;
using SmartCampus.Edge.Gateway.Tests.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.CommandLine;

public sealed class RulesTestCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-rules-cli-").FullName;

    [Fact]
    public async Task DemoRules_PrintTimeline()
    {
        var samples = Path.Combine(_directory, "samples.csv");
        await File.WriteAllTextAsync(samples, "time,point,value\n0s,bldgA-2F-201-air.co2,1600\n60s,fire-panel.smoke,true\n");
        var output = new StringWriter();

        var exitCode = await RulesTestCommand.ExecuteAsync(new FileInfo(RepositoryRoot.DemoConfiguration), new FileInfo(samples), "en", TimeSpan.FromMinutes(1), output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        var lines = output.ToString().Split('\n');
        Assert.Contains(lines, line => line.StartsWith("+00:00:20.000", StringComparison.Ordinal) && line.Contains("RAISED", StringComparison.Ordinal) && line.Contains("co2-high-201", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("+00:01:00.000", StringComparison.Ordinal) && line.Contains("set fire-panel.siren to true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DemoRules_ZhCnSeverityInChinese()
    {
        var samples = Path.Combine(_directory, "samples.csv");
        await File.WriteAllTextAsync(samples, "time,point,value\n0s,bldgA-2F-201-air.co2,1600\n");
        var output = new StringWriter();

        var exitCode = await RulesTestCommand.ExecuteAsync(new FileInfo(RepositoryRoot.DemoConfiguration), new FileInfo(samples), "zh-CN", TimeSpan.FromMinutes(1), output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        var raised = output.ToString().Split('\n').Single(line => line.Contains("产生告警 co2-high-201", StringComparison.Ordinal));
        Assert.Contains("（警告）", raised, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", raised, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("rules.md", "en", "NOT APPLIED")]
    [InlineData("rules.zh-CN.md", "zh-CN", "未执行确认")]
    public async Task LateAcknowledge_PrintedAsDocumented(string document, string language, string marker)
    {
        // The JSON example of the docs acknowledges the fire alarm after it cleared; the documented output must hold.
        var text = (await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", document))).Replace("\r", string.Empty, StringComparison.Ordinal);
        var samples = Path.Combine(_directory, "samples.jsonl");
        await File.WriteAllTextAsync(samples, Block(text, "```json\n", "\"acknowledge\""));
        var output = new StringWriter();

        var exitCode = await RulesTestCommand.ExecuteAsync(new FileInfo(RepositoryRoot.DemoConfiguration), new FileInfo(samples), language, TimeSpan.Zero, output, CancellationToken.None);

        Assert.Equal(0, exitCode);
        var printed = output.ToString().Split('\n');
        var documented = Block(text, "```text\n", marker).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(documented, line => line.Contains(marker, StringComparison.Ordinal));
        foreach (var line in documented)
        {
            Assert.Contains(line, printed);
        }
    }

    [Fact]
    public async Task BadSamples_ExitTwoNamingFile()
    {
        var samples = Path.Combine(_directory, "samples.csv");
        await File.WriteAllTextAsync(samples, "when,what\n0s,x\n");
        var output = new StringWriter();

        var exitCode = await RulesTestCommand.ExecuteAsync(new FileInfo(RepositoryRoot.DemoConfiguration), new FileInfo(samples), "en", TimeSpan.Zero, output, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains(samples, output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5s,bldgA-2F-201-air.co2,1,500")]
    [InlineData("5s,bldgA-2F-201-air.co2,\"1,500\",good")]
    public async Task ThousandsSeparator_ZhCnHint(string line)
    {
        var samples = Path.Combine(_directory, "samples.csv");
        await File.WriteAllTextAsync(samples, "time,point,value,quality\n0s,bldgA-2F-201-air.co2,900\n" + line + "\n");
        var output = new StringWriter();

        var exitCode = await RulesTestCommand.ExecuteAsync(new FileInfo(RepositoryRoot.DemoConfiguration), new FileInfo(samples), "zh-CN", TimeSpan.Zero, output, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("第 3 行像是带千位分隔符的数字 1,500", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("写成 1500", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadJsonLine_ZhCnPosition()
    {
        var samples = Path.Combine(_directory, "samples.jsonl");
        await File.WriteAllTextAsync(samples, "{\"time\":\"0s\",\"point\":\"fire-panel.smoke\",\"value\":true}\n{\"time\":\"5s\" \"point\":\"fire-panel.smoke\"}\n");
        var output = new StringWriter();

        var exitCode = await RulesTestCommand.ExecuteAsync(new FileInfo(RepositoryRoot.DemoConfiguration), new FileInfo(samples), "zh-CN", TimeSpan.Zero, output, CancellationToken.None);

        Assert.Equal(2, exitCode);
        var text = output.ToString();
        Assert.Contains($"采样文件 {samples} 有误。第 2 行第 14 列：不是有效的 JSON。请每行写一个 JSON 对象", text, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", text, StringComparison.Ordinal);
        Assert.DoesNotContain("expected", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MissingSamples_ZhCnNamesPath()
    {
        var samples = Path.Combine(_directory, "no-such.csv");
        var output = new StringWriter();

        var exitCode = await RulesTestCommand.ExecuteAsync(new FileInfo(RepositoryRoot.DemoConfiguration), new FileInfo(samples), "zh-CN", TimeSpan.Zero, output, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains($"采样文件 {samples} 不存在。请检查路径", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Could not find", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenConfigYaml_ZhCnNamesLine()
    {
        var config = Path.Combine(_directory, "campus.yaml");
        await File.WriteAllTextAsync(config, "gateway:\n  id: gw-1\n  language: zh-CN\n name: x\n");
        var samples = Path.Combine(_directory, "samples.csv");
        await File.WriteAllTextAsync(samples, "time,point,value\n0s,a.b,1\n");
        var output = new StringWriter();

        var exitCode = await RulesTestCommand.ExecuteAsync(new FileInfo(config), new FileInfo(samples), "zh-CN", TimeSpan.Zero, output, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Matches(@"campus\.yaml:4:\d+: YAML 语法错误：", output.ToString());
        Assert.Contains("缩进与上方的行不一致", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("While", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SamplesNotInSite_ExitTwo()
    {
        var samples = Path.Combine(_directory, "samples.csv");
        await File.WriteAllTextAsync(samples, "time,point,value\n0s,bldgA-2F-201-air.co9,1600\n5s,bldgA-2F-201-air.co2,abc\n10s,fire-panel.smoke,yes\n15s,no-such-device.x,1\n");
        var output = new StringWriter();

        var exitCode = await RulesTestCommand.ExecuteAsync(new FileInfo(RepositoryRoot.DemoConfiguration), new FileInfo(samples), "en", TimeSpan.Zero, output, CancellationToken.None);

        Assert.Equal(2, exitCode);
        var text = output.ToString();
        Assert.Contains("Line 2: the point 'bldgA-2F-201-air.co9' is not in campus.yaml", text, StringComparison.Ordinal);
        Assert.Contains("Line 3: 'abc' is not a number", text, StringComparison.Ordinal);
        Assert.Contains("Line 4: 'yes' is not a level", text, StringComparison.Ordinal);
        Assert.Contains("Line 5: the device 'no-such-device' is not in campus.yaml", text, StringComparison.Ordinal);
        Assert.DoesNotContain("RAISED", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcknowledgeUnknownRule_ExitTwoInChinese()
    {
        var samples = Path.Combine(_directory, "samples.jsonl");
        await File.WriteAllTextAsync(samples, "{\"time\":\"0s\",\"point\":\"fire-panel.smoke\",\"value\":true}\n{\"time\":\"5m\",\"acknowledge\":\"fire-evacuation\"}\n");
        var output = new StringWriter();

        var exitCode = await RulesTestCommand.ExecuteAsync(new FileInfo(RepositoryRoot.DemoConfiguration), new FileInfo(samples), "zh-CN", TimeSpan.Zero, output, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("第 2 行：没有可确认的规则“fire-evacuation”", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HashPassword_PrintsVerifiableHash()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await HashPasswordCommand.ExecuteAsync(new StringReader("board-201-long-secret\n"), output, error);

        Assert.Equal(0, exitCode);
        var hash = output.ToString().Trim();
        Assert.StartsWith("pbkdf2-sha256$", hash, StringComparison.Ordinal);
        Assert.True(CampusPasswordHash.Verify(hash, "board-201-long-secret"u8));
        Assert.False(CampusPasswordHash.Verify(hash, "another-long-secret"u8));
        Assert.DoesNotContain("board-201-long-secret", hash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HashPassword_RejectsShortPassword()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await HashPasswordCommand.ExecuteAsync(new StringReader("short\n"), output, error);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output.ToString());
        Assert.Contains("12", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Returns the body of the first fenced block that opens with <paramref name="fence"/> and contains <paramref name="fragment"/>.</summary>
    private static string Block(string document, string fence, string fragment)
    {
        for (var start = document.IndexOf(fence, StringComparison.Ordinal); start >= 0; start = document.IndexOf(fence, start + 1, StringComparison.Ordinal))
        {
            var bodyStart = start + fence.Length;
            var body = document[bodyStart..document.IndexOf("```", bodyStart, StringComparison.Ordinal)];
            if (body.Contains(fragment, StringComparison.Ordinal))
            {
                return body;
            }
        }

        throw new InvalidOperationException($"No {fence.Trim()} block with {fragment} in the document.");
    }
}
