using SmartCampus.Edge.Rules.Engine;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>The held outputs to drive to their safe values when the pipeline stops, queued behind earlier commands.</summary>
internal sealed class SafeStateBatch(IReadOnlyList<HeldOutput> holds)
{
    public IReadOnlyList<HeldOutput> Holds { get; } = holds;

    /// <summary>Completed once every write is done or failed.</summary>
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
