using System.Globalization;
using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Rules.Alarms;

/// <summary>
/// Operator text of an alarm as a resource key and its arguments, so that the console and the district can show
/// it in their own language. Arguments are texts already fixed by the engine (point ids, values with their unit,
/// the same in every supported language), <see cref="TimeSpan"/> durations, which are worded per culture,
/// <see cref="LocalizedText"/> texts from the site configuration, which give the text of the culture, and
/// <see cref="TextList"/> lists, which take the culture's list separator.
/// </summary>
/// <param name="Key">Resource name in RuleText.resx.</param>
/// <param name="Arguments">Values for the placeholders <c>{0}</c>, <c>{1}</c>, ... of the resource.</param>
public sealed record AlarmMessage(string Key, IReadOnlyList<object> Arguments)
{
    /// <summary>Formats the message in <paramref name="culture"/> (current UI culture when null).</summary>
    /// <remarks>A key unknown to this build, such as one stored by a newer version, gives the key and its arguments.</remarks>
    public string Format(CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;

        return RuleText.TryFormat(Key, culture, Arguments)
            ?? $"{Key}: {string.Join(", ", Arguments.Select(argument => Convert.ToString(argument, CultureInfo.InvariantCulture)))}";
    }

    public override string ToString() => Format(CultureInfo.InvariantCulture);
}
