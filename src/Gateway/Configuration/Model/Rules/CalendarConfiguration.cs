using SmartCampus.Edge.Rules.Schedules;

namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>The school calendar that <c>armed</c> schedules follow (top-level <c>calendar</c>).</summary>
public sealed record CalendarConfiguration
{
    /// <summary>Default time zone of a school in China.</summary>
    public const string DefaultTimeZone = "Asia/Shanghai";

    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>Weekdays taught (<c>schoolDays</c>, default Monday to Friday).</summary>
    public required IReadOnlyList<DayOfWeek> SchoolDays { get; init; }

    public required IReadOnlyList<DateRange> Terms { get; init; }

    public required IReadOnlyList<DateRange> Holidays { get; init; }

    /// <summary>Days taught whatever their weekday (<c>makeUpDays</c>).</summary>
    public required IReadOnlyList<DateOnly> MakeUpDays { get; init; }

    /// <summary>Lesson times; none crosses midnight.</summary>
    public required IReadOnlyList<TimeWindow> Lessons { get; init; }
}
