using System.Collections;
using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Sync.Tests.Resources;

public sealed class SyncMessagesTests
{
    private static readonly ResourceManager Messages =
        new("SmartCampus.Edge.Sync.Resources.SyncMessages", typeof(Sync.Outbox.OutboxStore).Assembly);

    [Fact]
    public void Cultures_HaveSameKeys()
    {
        var english = Keys(CultureInfo.InvariantCulture);
        var chinese = Keys(CultureInfo.GetCultureInfo("zh-CN"));

        Assert.NotEmpty(english);
        Assert.Equal(english, chinese);
    }

    [Fact]
    public void Cultures_HaveSamePlaceholders()
    {
        foreach (var key in Keys(CultureInfo.InvariantCulture))
        {
            var english = Messages.GetString(key, CultureInfo.InvariantCulture)!;
            var chinese = Messages.GetString(key, CultureInfo.GetCultureInfo("zh-CN"))!;

            Assert.True(Placeholders(english).SetEquals(Placeholders(chinese)), $"{key}: '{english}' and '{chinese}' use different placeholders");
            Assert.NotEqual(english, chinese);
        }
    }

    private static SortedSet<string> Keys(CultureInfo culture)
    {
        var set = Messages.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No SyncMessages resources for '{culture.Name}'.");

        return new SortedSet<string>(set.Cast<DictionaryEntry>().Select(entry => (string)entry.Key), StringComparer.Ordinal);
    }

    private static HashSet<string> Placeholders(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(match => match.Value).ToHashSet();
}
