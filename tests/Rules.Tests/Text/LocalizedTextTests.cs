using System.Globalization;
using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Rules.Tests.Text;

public class LocalizedTextTests
{
    private static readonly LocalizedText Both = new(new Dictionary<string, string> { ["zh-CN"] = "火警", ["en"] = "Fire" });

    [Theory]
    [InlineData("zh-CN", "火警")]
    [InlineData("en", "Fire")]
    [InlineData("en-GB", "Fire")]
    [InlineData("fr-FR", "火警")]
    public void Resolve_PicksCultureThenFallsBack(string culture, string expected) =>
        Assert.Equal(expected, Both.Resolve(CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void Resolve_FallsBackToEnglishWithoutChinese()
    {
        var text = new LocalizedText(new Dictionary<string, string> { ["en"] = "Fire", ["de"] = "Feuer" });

        Assert.Equal("Fire", text.Resolve(CultureInfo.GetCultureInfo("fr")));
    }

    [Fact]
    public void Resolve_FallsBackToAnyText()
    {
        var text = LocalizedText.Of("de", "Feuer");

        Assert.Equal("Feuer", text.Resolve(CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void Resolve_UsesCurrentUiCulture()
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");

            Assert.Equal("Fire", Both.Resolve());
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Fact]
    public void CultureNames_IgnoreCase()
    {
        var text = LocalizedText.Of("ZH-cn", "火警");

        Assert.Equal("火警", text.Resolve(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Throws<ArgumentException>(() => new LocalizedText(new Dictionary<string, string> { ["en"] = "a", ["EN"] = "b" }));
    }

    [Fact]
    public void Equality_ComparesTexts()
    {
        var same = new LocalizedText(new Dictionary<string, string> { ["en"] = "Fire", ["zh-CN"] = "火警" });
        var other = new LocalizedText(new Dictionary<string, string> { ["en"] = "Fire!", ["zh-CN"] = "火警" });

        Assert.Equal(Both, same);
        Assert.Equal(Both.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(Both, other);
        Assert.True(Both == same);
        Assert.True(Both != other);
    }

    [Fact]
    public void EmptyOrBlank_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new LocalizedText([]));
        Assert.Throws<ArgumentException>(() => LocalizedText.Of("en", " "));
        Assert.Throws<ArgumentException>(() => LocalizedText.Of("", "Fire"));
    }
}
