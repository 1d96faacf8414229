using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

public class LocalizationTests
{
    private static readonly string BrokenYaml = SiteYaml.Replace(
        SiteYaml.With("address: 0", "address: 70000"), "type: uint16", "type: uint8");

    [Fact]
    public void CurrentUiCulture_SelectsLanguage()
    {
        var english = LoadWithUiCulture(BrokenYaml, "en-US");
        var chinese = LoadWithUiCulture(BrokenYaml, "zh-CN");

        Assert.Equal("en", english.MessageCulture.Name);
        Assert.Equal("zh-CN", chinese.MessageCulture.Name);
        Assert.Equal(english.Problems.Count, chinese.Problems.Count);
        for (var index = 0; index < english.Problems.Count; index++)
        {
            var inEnglish = english.Problems[index];
            var inChinese = chinese.Problems[index];
            Assert.NotEqual(inEnglish.Message, inChinese.Message);
            Assert.Contains(inEnglish.Value!, inEnglish.Message, StringComparison.Ordinal);
            Assert.Contains(inChinese.Value!, inChinese.Message, StringComparison.Ordinal);

            var englishLine = ConfigurationReport.FormatProblem(english.SourceName, inEnglish, english.MessageCulture);
            var chineseLine = ConfigurationReport.FormatProblem(chinese.SourceName, inChinese, chinese.MessageCulture);
            Assert.Contains($"{inEnglish.Path} = {inEnglish.Value}", englishLine, StringComparison.Ordinal);
            Assert.Contains($"{inChinese.Path} = {inChinese.Value}", chineseLine, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Chinese_UsesGlossaryTerms()
    {
        var result = LoadWithUiCulture(BrokenYaml, "zh-CN");

        Assert.Contains("超出范围", SiteYaml.At(result, "devices[0].points[0].address").Message, StringComparison.Ordinal);
        Assert.Equal("发现 2 个问题。", ConfigurationReport.FormatSummary(result));
        Assert.Contains("（设备 air）: ", ConfigurationReport.Format(result), StringComparison.Ordinal);
        Assert.DoesNotContain(" （", ConfigurationReport.Format(result), StringComparison.Ordinal);
    }

    [Fact]
    public void GatewayLanguage_OverridesUiCulture()
    {
        var yaml = SiteYaml.Replace(BrokenYaml, "  id: gw-01", "  id: gw-01\n  language: zh-CN");

        var result = LoadWithUiCulture(yaml, "en-US");

        Assert.Equal("zh-CN", result.MessageCulture.Name);
        Assert.Contains("超出范围", SiteYaml.At(result, "devices[0].points[0].address").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestedCulture_OverridesGatewayLanguage()
    {
        var yaml = SiteYaml.Replace(BrokenYaml, "  id: gw-01", "  id: gw-01\n  language: zh-CN");

        var result = SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", Path.GetTempPath(), SiteYaml.English);

        Assert.Equal("en", result.MessageCulture.Name);
        Assert.StartsWith("70000 is out of range", SiteYaml.At(result, "devices[0].points[0].address").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatMessage_SwitchesLanguageAfterLoad()
    {
        var problem = SiteYaml.At(SiteYaml.Load(BrokenYaml, SiteYaml.Chinese), "devices[0].points[0].address");

        Assert.StartsWith("70000 超出范围", problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("70000 is out of range", problem.FormatMessage(SiteYaml.English), StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_SummaryInBothLanguages()
    {
        Assert.Equal("Configuration is valid.", ConfigurationReport.FormatSummary(SiteYaml.Load(SiteYaml.Valid, SiteYaml.English)));
        Assert.Equal("配置有效。", ConfigurationReport.FormatSummary(SiteYaml.Load(SiteYaml.Valid, SiteYaml.Chinese)));
    }

    private static SiteConfigurationLoadResult LoadWithUiCulture(string yaml, string cultureName)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(cultureName);
            return SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", Path.GetTempPath());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
