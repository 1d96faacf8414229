namespace SmartCampus.Edge.Rules.Schedules;

/// <summary>Which times a <see cref="Schedule"/> covers.</summary>
public enum ScheduleKind
{
    /// <summary>School days, from the first lesson's start to the last lesson's end (<c>schoolHours</c>).</summary>
    SchoolHours,

    /// <summary>Inside a lesson on a school day (<c>lessons</c>).</summary>
    Lessons,

    /// <summary>Every time outside school hours: nights, weekends, holidays and breaks between terms (<c>afterHours</c>).</summary>
    AfterHours,

    /// <summary>Daily windows on chosen days (<c>windows</c>); a window may cross midnight.</summary>
    Windows,
}
