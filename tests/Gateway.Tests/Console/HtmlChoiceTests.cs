using SmartCampus.Edge.Gateway.WebConsole.Pages;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>Shelve and pulse durations offered on the console, in their largest whole unit.</summary>
public sealed class HtmlChoiceTests
{
    [Theory]
    [InlineData("zh-CN", 900_000, "15 分钟")]
    [InlineData("zh-CN", 3_600_000, "1 小时")]
    [InlineData("zh-CN", 28_800_000, "8 小时")]
    [InlineData("zh-CN", 500, "0.5 秒")]
    [InlineData("zh-CN", 1_000, "1 秒")]
    [InlineData("en", 900_000, "15 min")]
    [InlineData("en", 3_600_000, "1 h")]
    [InlineData("en", 500, "0.5 s")]
    [InlineData("en", 90_000, "90 s")]
    public void Choice_LargestWholeUnit(string culture, int milliseconds, string expected)
    {
        using var language = new UiCulture(culture);

        Assert.Equal(expected, Html.Choice(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
