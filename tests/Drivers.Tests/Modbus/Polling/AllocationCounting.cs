namespace SmartCampus.Edge.Drivers.Tests.Modbus.Polling;

/// <summary>
/// The xunit collection of tests that count bytes allocated by the whole process. They run alone, after the parallel
/// tests, so that no other test's allocations land in their count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCounting
{
    public const string Name = "Allocation";
}
