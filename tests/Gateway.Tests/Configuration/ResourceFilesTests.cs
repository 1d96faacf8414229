using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Tests.Configuration;

public partial class ResourceFilesTests
{
    private static readonly string ResourceFolder =
        Path.Combine(RepositoryRoot.Path, "src", "Gateway", "Configuration", "Resources");

    [Fact]
    public void ResxFiles_HaveSameKeys()
    {
        var english = ReadResx("ConfigText.resx");
        var chinese = ReadResx("ConfigText.zh-CN.resx");

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), chinese.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ResxFiles_HaveSamePlaceholders()
    {
        var english = ReadResx("ConfigText.resx");
        var chinese = ReadResx("ConfigText.zh-CN.resx");

        foreach (var (key, text) in english)
        {
            Assert.True(chinese.TryGetValue(key, out var translation), $"{key} is missing in zh-CN.");
            Assert.True(Placeholders(text).SetEquals(Placeholders(translation)), $"{key} uses other placeholders in zh-CN.");
        }
    }

    [Fact]
    public void MessageKeys_ExistInBothLanguages()
    {
        var keys = typeof(MessageKeys)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();
        var neutral = ConfigText.ResourceManager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false);
        var chinese = ConfigText.ResourceManager.GetResourceSet(CultureInfo.GetCultureInfo("zh-CN"), createIfNotExists: true, tryParents: false);

        Assert.NotEmpty(keys);
        Assert.NotNull(neutral);
        Assert.NotNull(chinese);
        foreach (var key in keys)
        {
            Assert.False(string.IsNullOrEmpty(neutral.GetString(key)), $"{key} is missing in ConfigText.resx.");
            Assert.False(string.IsNullOrEmpty(chinese.GetString(key)), $"{key} is missing in ConfigText.zh-CN.resx.");
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), ReadResx("ConfigText.resx").Keys.Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, string> ReadResx(string fileName) =>
        XDocument.Load(Path.Combine(ResourceFolder, fileName))
            .Root!
            .Elements("data")
            .ToDictionary(data => (string)data.Attribute("name")!, data => (string)data.Element("value")!);

    private static HashSet<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(match => match.Value).ToHashSet();

    [GeneratedRegex(@"\{[0-9]+\}")]
    private static partial Regex PlaceholderPattern();
}
