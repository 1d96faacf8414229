using System.Globalization;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.WebConsole.Devices;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>A point's quality as the devices page and stream show it, in both console languages.</summary>
public sealed class PointFormatTests
{
    private static Sample Read(Quality quality) =>
        new(PointId.Parse("room1.co2"), PointValue.FromNumber(412.5), quality, DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), new MonotonicStamp("format", TimeSpan.Zero));

    [Theory]
    [InlineData(Quality.Good, "en", "Good", "good")]
    [InlineData(Quality.Bad, "en", "Bad", "bad")]
    [InlineData(Quality.Stale, "en", "Stale", "stale")]
    [InlineData(Quality.Good, "zh-CN", "正常", "good")]
    [InlineData(Quality.Bad, "zh-CN", "故障", "bad")]
    [InlineData(Quality.Stale, "zh-CN", "过期", "stale")]
    public void Quality_TextAndClass(Quality quality, string culture, string text, string cssClass)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal(text, PointFormat.Quality(Read(quality)));
            Assert.Equal(cssClass, PointFormat.QualityClass(Read(quality)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Quality_NoSample()
    {
        Assert.Equal("–", PointFormat.Quality(null));
        Assert.Equal("none", PointFormat.QualityClass(null));
    }
}
