using System.Globalization;

namespace SmartCampus.Edge.Rules.Text;

/// <summary>
/// One text in several languages, keyed by culture name ("zh-CN", "en"), as a technician writes a notice in the
/// site configuration. Culture names compare case-insensitively. Two instances are equal when they hold the same
/// texts.
/// </summary>
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    /// <summary>Culture tried after the requested one and its parents: the product's primary language.</summary>
    public const string PrimaryCulture = "zh-CN";

    /// <summary>Culture tried when neither the requested culture nor <see cref="PrimaryCulture"/> has a text.</summary>
    public const string SecondaryCulture = "en";

    private readonly SortedDictionary<string, string> texts;

    /// <exception cref="ArgumentException">No text, a blank culture name or text, or one culture given twice.</exception>
    public LocalizedText(IEnumerable<KeyValuePair<string, string>> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);

        this.texts = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (cultureName, text) in texts)
        {
            if (string.IsNullOrWhiteSpace(cultureName) || string.IsNullOrWhiteSpace(text))
            {
                throw new ArgumentException("Each text needs a culture name and a non-blank text.", nameof(texts));
            }

            if (!this.texts.TryAdd(cultureName.Trim(), text))
            {
                throw new ArgumentException($"The culture '{cultureName}' is given twice.", nameof(texts));
            }
        }

        if (this.texts.Count == 0)
        {
            throw new ArgumentException("At least one text is required.", nameof(texts));
        }
    }

    /// <summary>Texts by culture name, sorted by name.</summary>
    public IReadOnlyDictionary<string, string> Texts => texts;

    public static LocalizedText Of(string cultureName, string text) => new([new(cultureName, text)]);

    /// <summary>
    /// Picks the text for <paramref name="culture"/> (current UI culture when null): the culture itself, then its
    /// parents ("en-GB" finds "en"), then zh-CN, then en, then the first text by culture name.
    /// </summary>
    public string Resolve(CultureInfo? culture = null)
    {
        for (var candidate = culture ?? CultureInfo.CurrentUICulture;
             !string.IsNullOrEmpty(candidate.Name);
             candidate = candidate.Parent)
        {
            if (texts.TryGetValue(candidate.Name, out var text))
            {
                return text;
            }
        }

        if (texts.TryGetValue(PrimaryCulture, out var primary))
        {
            return primary;
        }

        if (texts.TryGetValue(SecondaryCulture, out var secondary))
        {
            return secondary;
        }

        return texts.First().Value;
    }

    public bool Equals(LocalizedText? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return texts.Count == other.texts.Count
            && texts.All(pair => other.texts.TryGetValue(pair.Key, out var text) && string.Equals(text, pair.Value, StringComparison.Ordinal));
    }

    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (cultureName, text) in texts)
        {
            hash.Add(cultureName, StringComparer.OrdinalIgnoreCase);
            hash.Add(text, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => Resolve(CultureInfo.InvariantCulture);

    public static bool operator ==(LocalizedText? left, LocalizedText? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(LocalizedText? left, LocalizedText? right) => !(left == right);
}
