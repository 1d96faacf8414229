using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

/// <summary>
/// A file that YAML cannot parse still reports in its own gateway.language, found in the raw text, and a key typed
/// with a Chinese input method's full-width colon is named as such.
/// </summary>
public sealed class SyntaxErrorLanguageTests : IDisposable
{
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public SyntaxErrorLanguageTests() => CultureInfo.CurrentUICulture = SiteYaml.English;

    [Theory]
    [InlineData("zh-CN", "YAML 语法错误")]
    [InlineData("\"zh-CN\"   # comment", "YAML 语法错误")]
    [InlineData("en", "YAML syntax error")]
    public void SyntaxError_InFileLanguage(string language, string expected)
    {
        var yaml = $"school:\n  id: s\ngateway:\n  id: gw-1\n  language: {language}\ndevices:\n  - id: a\n\tkind: gpio\n";

        var problem = SiteYaml.Single(SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", Path.GetTempPath()));

        Assert.Equal(ConfigurationProblemKind.SyntaxError, problem.Kind);
        Assert.StartsWith(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxError_LanguageOutsideGatewayIgnored()
    {
        var yaml = "school:\n  id: s\n  language: zh-CN\ngateway:\n  id: gw-1\ndevices:\n  - id: a\n\tkind: gpio\n";

        var problem = SiteYaml.Single(SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", Path.GetTempPath()));

        Assert.StartsWith("YAML syntax error", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FullWidthColon_NamedWithFix()
    {
        var yaml = SiteYaml.With("  port: 18830", "  port：18830");

        var english = SiteYaml.Single(SiteYaml.Load(yaml));
        var chinese = SiteYaml.Single(SiteYaml.Load(yaml, SiteYaml.Chinese));

        Assert.Equal(ConfigurationProblemKind.SyntaxError, english.Kind);
        Assert.Equal(SiteYaml.LineOf(yaml, "port："), english.Line);
        Assert.Equal(SiteYaml.ColumnOf(yaml, "："), english.Column);
        Assert.Contains("full-width colon", english.Message, StringComparison.Ordinal);
        Assert.Contains("`port: 18830`", english.Message, StringComparison.Ordinal);
        Assert.Contains("全角冒号", chinese.Message, StringComparison.Ordinal);
        Assert.Contains("`port: 18830`", chinese.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FullWidthColonInValue_NotBlamed()
    {
        // The full-width colon is inside a value; the syntax error is the missing colon on the next line.
        var yaml = SiteYaml.With("  name: 测试小学\n", "  name: 校区：东\n  address\n");

        var problem = SiteYaml.Single(SiteYaml.Load(yaml));

        Assert.DoesNotContain("full-width", problem.Message, StringComparison.Ordinal);
    }

    public void Dispose() => CultureInfo.CurrentUICulture = _uiCulture;
}
