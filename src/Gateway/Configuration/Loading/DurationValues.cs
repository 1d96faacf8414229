using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Readers for durations such as 500ms, 5s, 2m and 1h, within a range.</summary>
internal static class DurationValues
{
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
                // Suggest seconds: the unit most keys in this file use.
                var withUnit = value.Snippet($"{text}s");
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
}
