using SmartCampus.Edge.Rules.Schedules;

namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>When a rule may raise (<c>armed</c>), from the school calendar.</summary>
public sealed record ArmedConfiguration
{
    public required ScheduleKind Kind { get; init; }

    /// <summary>Daily windows of <see cref="ScheduleKind.Windows"/>; empty for the other kinds.</summary>
    public IReadOnlyList<TimeWindow> Windows { get; init; } = [];

    /// <summary>Whether the windows count only when they start on a school day (<c>schoolDaysOnly</c>).</summary>
    public bool SchoolDaysOnly { get; init; }
}
