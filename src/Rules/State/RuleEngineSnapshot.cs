namespace SmartCampus.Edge.Rules.State;

/// <summary>
/// State of the engine that must survive a restart: active alarms, latches, pending durations, shelving and, through
/// the active alarms, the outputs they hold. Only instances with something to keep are listed.
/// </summary>
/// <param name="TakenAt">Gateway wall-clock time of the snapshot, for the operator only.</param>
/// <param name="TakenMonotonic">Monotonic time of the snapshot in the boot that took it, to rebase alarm times.</param>
/// <param name="Instances">Rule instances with state, in rule order.</param>
public sealed record RuleEngineSnapshot(DateTimeOffset TakenAt, TimeSpan TakenMonotonic, IReadOnlyList<RuleInstanceSnapshot> Instances)
{
    /// <summary>Version of the snapshot layout that <see cref="RuleSnapshotJson"/> writes.</summary>
    public const int CurrentVersion = 1;
}
