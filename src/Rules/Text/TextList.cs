using System.Globalization;

namespace SmartCampus.Edge.Rules.Text;

/// <summary>
/// Names or ids as one argument of an operator text. The engine builds the text before any reader picks a language, so
/// the list is joined only when the text is formatted, with that language's separator ("、" in zh-CN, ", " in en).
/// </summary>
public sealed class TextList
{
    public TextList(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = [.. items];
    }

    public IReadOnlyList<string> Items { get; }

    /// <summary>Joins the items with the list separator of <paramref name="culture"/>, or with English's for a culture without one.</summary>
    public string Join(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var separator = RuleText.Resources.GetString("ListSeparator", culture) ?? ", ";
        return string.Join(separator, Items);
    }

    public override string ToString() => Join(CultureInfo.InvariantCulture);
}
