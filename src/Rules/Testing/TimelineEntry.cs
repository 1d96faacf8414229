using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Rules.Testing;

/// <summary>One output of the engine during a test run, with the time it was produced.</summary>
/// <param name="Offset">Time since the start of the series.</param>
/// <param name="Time">Simulated gateway wall-clock time.</param>
/// <param name="Line">The series line whose step produced the output; null for a timed change between lines.</param>
public sealed record TimelineEntry(TimeSpan Offset, DateTimeOffset Time, int? Line, RuleOutput Output);
