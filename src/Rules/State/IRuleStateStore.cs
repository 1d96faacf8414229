namespace SmartCampus.Edge.Rules.State;

/// <summary>
/// Durable place for the engine's snapshot. The host saves after every call that returned outputs (or on a short
/// timer) and loads once at start, before the first sample. Saving replaces the previous snapshot. An
/// implementation only has to keep the bytes of <see cref="RuleSnapshotJson.Serialize"/>.
/// </summary>
public interface IRuleStateStore
{
    ValueTask SaveAsync(RuleEngineSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>Returns the last saved snapshot, or null when none was saved.</summary>
    ValueTask<RuleEngineSnapshot?> LoadAsync(CancellationToken cancellationToken);
}
