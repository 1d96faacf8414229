using System.Globalization;

namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>Notice text in both languages of the product; both are required and non-empty.</summary>
public sealed record NoticeText
{
    public required string ZhCn { get; init; }

    public required string En { get; init; }

    /// <summary>Returns the Chinese text for any zh culture and the English text otherwise.</summary>
    public string For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "zh" ? ZhCn : En;
    }
}
