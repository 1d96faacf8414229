namespace SmartCampus.Edge.Sync.Tests.Outbox;

/// <summary>
/// Tests that compare the process's managed heap before and after a loop run alone, so that no other test's live
/// objects land in the difference.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurementGroup
{
    public const string Name = "Outbox heap measurement";
}
