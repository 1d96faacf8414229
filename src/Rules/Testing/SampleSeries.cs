namespace SmartCampus.Edge.Rules.Testing;

/// <summary>A parsed sample series: the wall-clock start and the steps in time order.</summary>
/// <param name="Start">Time of offset zero: the first absolute time in the file, or the default start given to the parser.</param>
public sealed record SampleSeries(DateTimeOffset Start, IReadOnlyList<TestStep> Steps);
