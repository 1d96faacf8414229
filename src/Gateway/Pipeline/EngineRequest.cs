using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>One <see cref="IEngineRequest"/> with its result; the caller awaits <see cref="Completion"/>.</summary>
internal sealed class EngineRequest<T>(Func<RuleEngine, T> work, Func<T, IReadOnlyList<RuleOutput>> outputsOf) : IEngineRequest
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Completion => _completion.Task;

    public IReadOnlyList<RuleOutput> Run(RuleEngine engine)
    {
        try
        {
            var result = work(engine);
            _completion.TrySetResult(result);
            return outputsOf(result);
        }
        catch (Exception exception)
        {
            // The caller sees the fault; the pipeline goes on with the next message.
            _completion.TrySetException(exception);
            return [];
        }
    }
}
