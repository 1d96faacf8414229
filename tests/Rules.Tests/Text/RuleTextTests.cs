using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Definitions;
using SmartCampus.Edge.Rules.Tests.Support;
using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Rules.Tests.Text;

public partial class RuleTextTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public void Cultures_HaveSameKeys()
    {
        var english = ReadSet(CultureInfo.InvariantCulture);
        var chinese = ReadSet(Chinese);

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), chinese.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Cultures_HaveSamePlaceholders()
    {
        var english = ReadSet(CultureInfo.InvariantCulture);
        var chinese = ReadSet(Chinese);

        foreach (var (key, text) in english)
        {
            Assert.Equal(Placeholders(text), Placeholders(chinese[key]));
            Assert.NotEqual(text, chinese[key]);
        }
    }

    [Fact]
    public void ThresholdMessage_DiffersByCulture()
    {
        var rule = TestRules.Co2High();
        var message = AlarmMessages.ThresholdRaised(rule, 1620);

        var english = message.Format(English);
        var chinese = message.Format(Chinese);

        Assert.Equal("Threshold alarm: bldgA-2F-201-air.co2 is 1620 ppm, above the limit 1500 ppm for 2 min.", english);
        Assert.Equal("阈值告警：bldgA-2F-201-air.co2 当前值 1620 ppm，超过上限 1500 ppm 已持续 2 分钟。", chinese);
        Assert.Contains("bldgA-2F-201-air.co2", chinese, StringComparison.Ordinal);
        Assert.Contains("1620 ppm", chinese, StringComparison.Ordinal);
        Assert.Contains("告警", chinese, StringComparison.Ordinal);
        Assert.Contains("上限", chinese, StringComparison.Ordinal);
        Assert.Contains("2 分钟", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void InputMessage_DiffersByCulture()
    {
        var message = AlarmMessages.InputRaised(TestRules.FireAlarm(), true);

        var english = message.Format(English);
        var chinese = message.Format(Chinese);

        Assert.Contains("fire-panel.smoke", english, StringComparison.Ordinal);
        Assert.Contains("fire-panel.smoke", chinese, StringComparison.Ordinal);
        Assert.Contains("告警", chinese, StringComparison.Ordinal);
        Assert.NotEqual(english, chinese);
    }

    [Fact]
    public void ClearMessage_NamesClearLevel()
    {
        var rule = ThresholdRuleDefinition.Below("cold", TestRules.Temperature, 5, 7, TimeSpan.Zero, AlarmSeverity.Minor, unit: "°C");

        var english = AlarmMessages.ThresholdCleared(rule, 7.25).Format(English);

        Assert.Equal("bldgA-2F-201-air.temperature is 7.25 °C, back above the clear level 7 °C. Alarm cleared.", english);
    }

    [Fact]
    public void Format_UsesCurrentUiCulture()
    {
        var message = AlarmMessages.ThresholdRaised(TestRules.Co2High(), 1620);
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Chinese;

            Assert.Equal(message.Format(Chinese), message.Format());
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Theory]
    [InlineData(2 * 60 * 60, "2 h", "2 小时")]
    [InlineData(90 * 60, "90 min", "90 分钟")]
    [InlineData(90, "90 s", "90 秒")]
    [InlineData(1.5, "1.5 s", "1.5 秒")]
    public void Duration_UsesLargestWholeUnit(double seconds, string english, string chinese)
    {
        Assert.Equal(english, RuleText.FormatDuration(TimeSpan.FromSeconds(seconds), English));
        Assert.Equal(chinese, RuleText.FormatDuration(TimeSpan.FromSeconds(seconds), Chinese));
    }

    [Fact]
    public void UnknownKey_FallsBackToKeyAndArguments()
    {
        var message = new AlarmMessage("FromANewerVersion", ["a.b", "12"]);

        Assert.Equal("FromANewerVersion: a.b, 12", message.Format(English));
    }

    private static Dictionary<string, string> ReadSet(CultureInfo culture)
    {
        var set = RuleText.Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new MissingManifestResourceException($"No RuleText resources for '{culture.Name}'.");

        return set.Cast<DictionaryEntry>().ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!);
    }

    private static string[] Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(match => match.Value).Order(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
