namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>When a board switches its screen on and off by itself, in the board's local time.</summary>
/// <param name="Days">Days the schedule applies to; empty means every day.</param>
public sealed record BoardPowerSchedule(TimeOnly On, TimeOnly Off, IReadOnlyList<DayOfWeek> Days);
