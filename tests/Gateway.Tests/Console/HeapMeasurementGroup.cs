namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>
/// Tests that measure the process's managed heap run alone: another test allocating at the same time would count in
/// the figures, and their forced full collections would pause that test's timers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurementGroup
{
    public const string Name = "heap measurement";
}
