using System.Globalization;
using SmartCampus.Edge.Rules.Schedules;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>Dates (2025-09-01), times (08:00) and windows (08:00-08:45) as the calendar writes them.</summary>
internal static class CalendarText
{
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Parses HH:mm-HH:mm in 24-hour time; 24:00 is not a time, so a window to midnight ends at 00:00.</summary>
    public static bool TryParseWindow(string text, out TimeWindow window)
    {
        window = default;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TryParseTime(parts[0], out var from) || !TryParseTime(parts[1], out var to))
        {
            return false;
        }

        window = new TimeWindow(from, to);
        return true;
    }

    private static bool TryParseTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
