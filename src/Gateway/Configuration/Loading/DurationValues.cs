using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Readers for durations such as 500ms, 5s, 2m and 1h, within a range.</summary>
internal static class DurationValues
{
    private static readonly (string Unit, TimeSpan Size)[] Units =
    [
        ("s", TimeSpan.FromSeconds(1)),
        ("ms", TimeSpan.FromMilliseconds(1)),
        ("m", TimeSpan.FromMinutes(1)),
        ("h", TimeSpan.FromHours(1)),
    ];

    public static TimeSpan? RequiredDuration(this ValueReader value, TimeSpan minimum, TimeSpan maximum, string example) =>
        Duration(value, minimum, maximum, example, required: true);

    public static TimeSpan? OptionalDuration(this ValueReader value, TimeSpan minimum, TimeSpan maximum, string example) =>
        Duration(value, minimum, maximum, example, required: false);

    private static TimeSpan? Duration(ValueReader value, TimeSpan minimum, TimeSpan maximum, string example, bool required)
    {
        var text = value.ScalarText(Expect.Duration, example, required);
        if (text is null)
        {
            return null;
        }

        var parse = DurationText.TryParse(text, out var duration);
        switch (parse)
        {
            case DurationParse.NoUnit:
                var withUnit = value.Snippet(WithUnitInRange(text, minimum, maximum) ?? example);
                value.Report(ConfigurationProblemKind.InvalidDuration, text, new ProblemMessage(MessageKeys.DurationWithoutUnit, text, withUnit));
                return null;

            case DurationParse.Invalid:
                value.Report(ConfigurationProblemKind.InvalidDuration, text, new ProblemMessage(MessageKeys.InvalidDuration, text, value.Snippet(example)));
                return null;
        }

        if (parse == DurationParse.TooLarge || duration < minimum || duration > maximum)
        {
            value.ReportOutOfRange(text, Expect.DurationRange(minimum, maximum), example);
            return null;
        }

        return duration;
    }

    /// <summary>
    /// Returns <paramref name="number"/> with the first unit that puts it within the key's range, trying seconds first
    /// (the unit most keys in this file use), then ms, m and h; null when no unit does. So <c>timeout: 500</c>
    /// becomes <c>500ms</c> where 500s is above the maximum.
    /// </summary>
    private static string? WithUnitInRange(string number, TimeSpan minimum, TimeSpan maximum)
    {
        if (!ScalarValues.TryParseNumber(number, out var amount))
        {
            return null;
        }

        foreach (var (unit, size) in Units)
        {
            var milliseconds = amount * size.TotalMilliseconds;
            if (milliseconds >= minimum.TotalMilliseconds && milliseconds <= maximum.TotalMilliseconds)
            {
                return number + unit;
            }
        }

        return null;
    }
}
