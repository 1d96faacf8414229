using System.Threading.Channels;
using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// The queue between drivers and the pipeline. It is bounded so a stalled pipeline slows the drivers down
/// instead of growing memory; writers wait for room and nothing is dropped.
/// </summary>
public sealed class FieldChannel : IFieldSink
{
    /// <summary>
    /// Room for 10 s of samples from a large school (10,000 points every 5 s). A queued sample is about 130 bytes on
    /// a 64-bit runtime (the record with its point id, value and two times inline; the id strings are shared), so a
    /// full channel is about 3 MB. A minute's room (200,000) is about 26 MB once a pipeline that has fallen behind
    /// fills it, and every sample and alarm queued behind it then waits that minute.
    /// </summary>
    public const int Capacity = 20_000;

    private readonly Channel<object> _channel = Channel.CreateBounded<object>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
        SingleWriter = false,
    });

    private volatile bool _rulesStopped;

    public ChannelReader<object> Reader => _channel.Reader;

    public ValueTask PublishSampleAsync(Sample sample, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(sample, cancellationToken);

    public ValueTask PublishEventAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(deviceEvent, cancellationToken);

    /// <summary>
    /// Queues an acknowledgement or shelving for the pipeline and returns the engine's result. Cancelling stops the
    /// wait only: a request already queued is still applied.
    /// </summary>
    /// <exception cref="OperationCanceledException">The pipeline has stopped, or <paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<Rules.Engine.RuleCommandResult> SendRuleRequestAsync(RuleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        if (!_rulesStopped)
        {
            await _channel.Writer.WriteAsync(request, cancellationToken);
        }

        // Checked again after the write: the pipeline may have drained the channel for the last time in between.
        if (_rulesStopped)
        {
            request.Cancel();
        }

        return await request.Completion.WaitAsync(cancellationToken);
    }

    /// <summary>Marks the pipeline stopped, so that rule requests are cancelled at once instead of waiting unread.</summary>
    internal void StopRuleRequests() => _rulesStopped = true;

    /// <summary>Queues a rule-engine tick so the single pipeline reader also runs the engine's timers.</summary>
    internal ValueTask PublishTickAsync(CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(RuleTick.Instance, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on the pipeline's reader and returns its result; the outputs it yields are
    /// routed like those of a sample. Waits while the pipeline is busy; cancel to give up.
    /// </summary>
    internal async Task<T> RequestAsync<T>(Func<Rules.Engine.RuleEngine, T> work, Func<T, IReadOnlyList<Rules.Outputs.RuleOutput>> outputsOf, CancellationToken cancellationToken)
    {
        var request = new EngineRequest<T>(work, outputsOf);
        await _channel.Writer.WriteAsync(request, cancellationToken);
        return await request.Completion.WaitAsync(cancellationToken);
    }
}
