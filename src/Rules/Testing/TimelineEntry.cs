using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Rules.Testing;

/// <summary>
/// One output of the engine during a test run, with the time it was produced; or, with <see cref="NotApplied"/>
/// set and no output, an acknowledgement line that changed nothing.
/// </summary>
/// <param name="Offset">Time since the start of the series.</param>
/// <param name="Time">Simulated gateway wall-clock time.</param>
/// <param name="Line">The series line whose step produced the output; null for a timed change between lines.</param>
/// <param name="Output">What the engine emitted; null only for an entry with <see cref="NotApplied"/>.</param>
/// <param name="NotApplied">The rejected acknowledgement, so that the timeline does not drop the line silently.</param>
public sealed record TimelineEntry(TimeSpan Offset, DateTimeOffset Time, int? Line, RuleOutput? Output, AcknowledgeNotApplied? NotApplied = null);
