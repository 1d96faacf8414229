namespace SmartCampus.Edge.Rules.State;

/// <summary>
/// Keeps the snapshot as JSON bytes in memory, exactly as a durable store would, so tests also cover the
/// serialisation. Thread-safe.
/// </summary>
public sealed class InMemoryRuleStateStore : IRuleStateStore
{
    private readonly Lock gate = new();
    private byte[]? saved;

    /// <summary>The bytes of the last save; null before the first.</summary>
    public byte[]? SavedBytes
    {
        get
        {
            lock (gate)
            {
                return saved;
            }
        }
    }

    public ValueTask SaveAsync(RuleEngineSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        cancellationToken.ThrowIfCancellationRequested();

        var bytes = RuleSnapshotJson.Serialize(snapshot);
        lock (gate)
        {
            saved = bytes;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<RuleEngineSnapshot?> LoadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        var bytes = SavedBytes;
        return ValueTask.FromResult(bytes is null ? null : RuleSnapshotJson.Deserialize(bytes));
    }
}
