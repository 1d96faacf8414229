namespace SmartCampus.Edge.Rules.Schedules;

/// <summary>
/// Times during which a rule is armed, from the school calendar and its time zone. Evaluated on the gateway's wall
/// clock, because a calendar follows local time: a wall-clock correction moves the schedule with it, while durations
/// stay on the monotonic clock.
/// </summary>
public sealed class Schedule
{
    private Schedule(ScheduleKind kind, SchoolCalendar calendar, IReadOnlyList<TimeWindow> windows, bool schoolDaysOnly)
    {
        Kind = kind;
        Calendar = calendar;
        Windows = windows;
        SchoolDaysOnly = schoolDaysOnly;
    }

    public ScheduleKind Kind { get; }

    public SchoolCalendar Calendar { get; }

    /// <summary>The daily windows of a <see cref="ScheduleKind.Windows"/> schedule; empty for the other kinds.</summary>
    public IReadOnlyList<TimeWindow> Windows { get; }

    /// <summary>Whether a <see cref="ScheduleKind.Windows"/> schedule applies only to windows that start on school days.</summary>
    public bool SchoolDaysOnly { get; }

    public static Schedule SchoolHours(SchoolCalendar calendar) => new(ScheduleKind.SchoolHours, Checked(calendar), [], false);

    public static Schedule Lessons(SchoolCalendar calendar) => new(ScheduleKind.Lessons, Checked(calendar), [], false);

    public static Schedule AfterHours(SchoolCalendar calendar) => new(ScheduleKind.AfterHours, Checked(calendar), [], false);

    /// <summary>Daily windows, every day or only on school days; a window crossing midnight belongs to the day it starts.</summary>
    /// <exception cref="ArgumentException">No window.</exception>
    public static Schedule DailyWindows(SchoolCalendar calendar, IEnumerable<TimeWindow> windows, bool schoolDaysOnly = false)
    {
        ArgumentNullException.ThrowIfNull(windows);

        var list = windows.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("A windows schedule needs at least one window.", nameof(windows));
        }

        return new Schedule(ScheduleKind.Windows, Checked(calendar), list, schoolDaysOnly);
    }

    public bool Contains(DateTimeOffset time) => Kind switch
    {
        ScheduleKind.SchoolHours => Calendar.IsSchoolHours(time),
        ScheduleKind.Lessons => Calendar.IsInLesson(time),
        ScheduleKind.AfterHours => !Calendar.IsSchoolHours(time),
        _ => InWindows(time),
    };

    private static SchoolCalendar Checked(SchoolCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar;
    }

    private bool InWindows(DateTimeOffset time)
    {
        var (day, clock) = Calendar.ToLocal(time);
        var yesterday = day.AddDays(-1);
        foreach (var window in Windows)
        {
            if (window.ContainsOnStartDay(clock) && (!SchoolDaysOnly || Calendar.IsSchoolDay(day)))
            {
                return true;
            }

            if (window.ContainsOnNextDay(clock) && (!SchoolDaysOnly || Calendar.IsSchoolDay(yesterday)))
            {
                return true;
            }
        }

        return false;
    }
}
