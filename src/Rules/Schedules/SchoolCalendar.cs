namespace SmartCampus.Edge.Rules.Schedules;

/// <summary>
/// The school's calendar in its own time zone: terms, holidays inside them, the weekdays taught and the lesson times.
/// A school day is a taught weekday inside a term and not a holiday. A make-up day (a weekend day taught in place of a
/// holiday, common in China) is a school day whatever its weekday.
/// </summary>
public sealed class SchoolCalendar
{
    /// <exception cref="ArgumentException">No term, or no lesson.</exception>
    public SchoolCalendar(
        TimeZoneInfo timeZone,
        IEnumerable<DateRange> terms,
        IEnumerable<DateRange> holidays,
        IEnumerable<TimeWindow> lessons,
        IEnumerable<DayOfWeek>? schoolDays = null,
        IEnumerable<DateOnly>? makeUpDays = null)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(lessons);

        TimeZone = timeZone;
        Terms = terms.ToArray();
        Holidays = holidays.ToArray();
        Lessons = lessons.OrderBy(lesson => lesson.From).ToArray();
        SchoolDays = (schoolDays ?? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]).ToHashSet();
        MakeUpDays = (makeUpDays ?? []).ToHashSet();
        if (Terms.Count == 0)
        {
            throw new ArgumentException("The school calendar needs at least one term.", nameof(terms));
        }

        if (Lessons.Count == 0 || Lessons.Any(lesson => lesson.CrossesMidnight))
        {
            throw new ArgumentException("The school calendar needs at least one lesson, and no lesson may cross midnight.", nameof(lessons));
        }
    }

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlyList<DateRange> Terms { get; }

    public IReadOnlyList<DateRange> Holidays { get; }

    /// <summary>Lesson times, sorted by start.</summary>
    public IReadOnlyList<TimeWindow> Lessons { get; }

    public IReadOnlySet<DayOfWeek> SchoolDays { get; }

    public IReadOnlySet<DateOnly> MakeUpDays { get; }

    /// <summary>Converts a gateway time to the school's local date and time.</summary>
    public (DateOnly Day, TimeOnly Time) ToLocal(DateTimeOffset time)
    {
        var local = TimeZoneInfo.ConvertTime(time, TimeZone);
        return (DateOnly.FromDateTime(local.DateTime), TimeOnly.FromDateTime(local.DateTime));
    }

    public bool IsSchoolDay(DateOnly day)
    {
        if (!Terms.Any(term => term.Contains(day)) || Holidays.Any(holiday => holiday.Contains(day)))
        {
            return false;
        }

        return MakeUpDays.Contains(day) || SchoolDays.Contains(day.DayOfWeek);
    }

    /// <summary>Whether <paramref name="time"/> is on a school day between the first lesson's start and the last lesson's end.</summary>
    public bool IsSchoolHours(DateTimeOffset time)
    {
        var (day, clock) = ToLocal(time);
        return IsSchoolDay(day) && clock >= Lessons[0].From && clock < Lessons.Max(lesson => lesson.To);
    }

    /// <summary>Whether <paramref name="time"/> is inside a lesson on a school day.</summary>
    public bool IsInLesson(DateTimeOffset time)
    {
        var (day, clock) = ToLocal(time);
        return IsSchoolDay(day) && Lessons.Any(lesson => lesson.ContainsOnStartDay(clock));
    }
}
