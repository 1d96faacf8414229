namespace SmartCampus.Edge.Rules.Schedules;

/// <summary>
/// A daily span of local time, <see cref="From"/> inclusive to <see cref="To"/> exclusive. A window whose end is at or
/// before its start crosses midnight (22:00-06:00); the part after midnight belongs to the day the window started.
/// </summary>
public readonly record struct TimeWindow(TimeOnly From, TimeOnly To)
{
    public bool CrossesMidnight => To <= From;

    /// <summary>Whether <paramref name="time"/> lies in the part of the window on the day it starts.</summary>
    public bool ContainsOnStartDay(TimeOnly time) => CrossesMidnight ? time >= From : time >= From && time < To;

    /// <summary>Whether <paramref name="time"/> lies in the part after midnight of a window that crosses it.</summary>
    public bool ContainsOnNextDay(TimeOnly time) => CrossesMidnight && time < To;

    public override string ToString() => $"{From:HH\\:mm}-{To:HH\\:mm}";
}
