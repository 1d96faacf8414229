using System.Globalization;
using System.Text.RegularExpressions;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>
/// Durations as the file writes them: a non-negative number and one unit, ms, s, m or h (500ms, 1.5s, 2m, 1h).
/// Combined forms such as 1m30s are not accepted, so each value reads one way.
/// </summary>
internal static partial class DurationText
{
    public static DurationParse TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = DurationPattern().Match(text);
        if (!match.Success)
        {
            return ScalarValues.TryParseNumber(text, out _) ? DurationParse.NoUnit : DurationParse.Invalid;
        }

        if (!decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return DurationParse.TooLarge;
        }

        var ticks = number * UnitTicks(match.Groups["unit"].Value);
        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return DurationParse.TooLarge;
        }

        value = TimeSpan.FromTicks((long)decimal.Truncate(ticks));
        return DurationParse.Valid;
    }

    /// <summary>Writes a duration in the largest unit that represents it exactly, for example 90s or 2m.</summary>
    public static string Format(TimeSpan value)
    {
        if (value.Ticks % TimeSpan.TicksPerHour == 0 && value >= TimeSpan.FromHours(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value.Ticks / TimeSpan.TicksPerHour}h");
        }

        if (value.Ticks % TimeSpan.TicksPerMinute == 0 && value >= TimeSpan.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value.Ticks / TimeSpan.TicksPerMinute}m");
        }

        if (value.Ticks % TimeSpan.TicksPerSecond == 0 && value >= TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{value.Ticks / TimeSpan.TicksPerSecond}s");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds}ms");
    }

    private static decimal UnitTicks(string unit) => unit switch
    {
        "ms" => TimeSpan.TicksPerMillisecond,
        "s" => TimeSpan.TicksPerSecond,
        "m" => TimeSpan.TicksPerMinute,
        _ => TimeSpan.TicksPerHour,
    };

    [GeneratedRegex(@"^(?<number>[0-9]+(\.[0-9]+)?)(?<unit>ms|s|m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
