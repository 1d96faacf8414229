using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// Publishes the rules' device-topic messages and retries those the campus broker did not take (broker down, session
/// lost, publish rejected) with doubling delays, 1 s up to 30 s, for <see cref="MaxRetries"/> retries (about a
/// minute), then drops them and counts the drop. While a message waits, later ones queue behind it, so a device
/// topic keeps its order. Retries run on their own loop, so the action router's other commands do not wait. Messages
/// still waiting when the host stops are dropped too, and counted and logged as such.
/// </summary>
internal sealed partial class PublishRetry(CampusPublisher publisher, TimeProvider timeProvider, ILogger logger)
{
    public const int MaxRetries = 6;

    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    private int _waiting;

    // The message DeliverAsync works on; it is no longer in the channel but not yet delivered.
    private Pending? _delivering;

    /// <summary>Messages that wait for a retry, or behind one.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Delay before retry <paramref name="retry"/> (1-based): 1 s, 2 s, 4 s, ... capped at 30 s.</summary>
    public static TimeSpan DelayBefore(int retry) =>
        TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(retry - 1, 20)));

    /// <summary>
    /// Publishes <paramref name="command"/> at once, unless earlier messages still wait; a message that fails here is
    /// queued for retries. Only the stop of the host ends it with an exception.
    /// </summary>
    public async Task PublishAsync(PublishCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);

        if (Waiting > 0)
        {
            Queue(new Pending(command, Retries: 0));
            return;
        }

        var reason = await TryPublishAsync(command, cancellationToken);
        if (reason is not null)
        {
            LogRetryScheduled(logger, command.RuleId, command.Topic, reason, DelayBefore(1).TotalMilliseconds);
            Queue(new Pending(command, Retries: 1));
        }
    }

    /// <summary>Retries queued messages until <paramref name="cancellationToken"/> is cancelled (the host stops).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var pending in _pending.Reader.ReadAllAsync(cancellationToken))
            {
                _delivering = pending;
                await DeliverAsync(pending, cancellationToken);
                _delivering = null;
                Interlocked.Decrement(ref _waiting);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            DropWaiting();
        }
    }

    /// <summary>Counts and logs as dropped each message that still waits when the host stops.</summary>
    private void DropWaiting()
    {
        if (_delivering is { } current)
        {
            DropAtStop(current);
            _delivering = null;
        }

        while (_pending.Reader.TryRead(out var pending))
        {
            DropAtStop(pending);
        }
    }

    private void DropAtStop(Pending pending)
    {
        Interlocked.Decrement(ref _waiting);
        RulesMetrics.RecordPublishDropped(pending.Command.RuleId, RulesMetrics.DropReasonStopped);
        LogDroppedAtStop(logger, pending.Command.RuleId, pending.Command.Topic, pending.Retries);
    }

    private void Queue(Pending pending)
    {
        Interlocked.Increment(ref _waiting);
        _pending.Writer.TryWrite(pending);
    }

    private async Task DeliverAsync(Pending pending, CancellationToken cancellationToken)
    {
        var command = pending.Command;
        var reason = pending.Retries == 0 ? await TryPublishAsync(command, cancellationToken) : "not sent yet";
        if (reason is null)
        {
            return;
        }

        for (var retry = Math.Max(pending.Retries, 1); retry <= MaxRetries; retry++)
        {
            await Task.Delay(DelayBefore(retry), timeProvider, cancellationToken);
            RulesMetrics.RecordPublishRetry(command.RuleId);
            reason = await TryPublishAsync(command, cancellationToken);
            if (reason is null)
            {
                LogPublishedAfterRetry(logger, command.RuleId, command.Topic, retry);
                return;
            }

            if (retry < MaxRetries)
            {
                LogRetryScheduled(logger, command.RuleId, command.Topic, reason, DelayBefore(retry + 1).TotalMilliseconds);
            }
        }

        RulesMetrics.RecordPublishDropped(command.RuleId, RulesMetrics.DropReasonRetriesExhausted);
        LogPublishDropped(logger, command.RuleId, command.Topic, MaxRetries, reason);
    }

    /// <summary>Returns null when the broker took the message, else the reason it did not.</summary>
    private async Task<string?> TryPublishAsync(PublishCommand command, CancellationToken cancellationToken)
    {
        try
        {
            var (accepted, reason) = await publisher.PublishAsync(command.Topic, command.Payload, cancellationToken);
            if (accepted)
            {
                LogPublished(logger, command.RuleId, command.Topic, command.Payload.Length);
                return null;
            }

            return $"rejected: {reason}";
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"{exception.GetType().Name}: {exception.Message}";
        }
    }

    private sealed record Pending(PublishCommand Command, int Retries);

    [LoggerMessage(EventId = 1254, Level = LogLevel.Information, Message = "Rule {RuleId} published {PayloadLength} characters to {Topic}")]
    private static partial void LogPublished(ILogger logger, string ruleId, string topic, int payloadLength);

    [LoggerMessage(EventId = 1258, Level = LogLevel.Warning, Message = "Rule {RuleId} could not publish to {Topic} ({Reason}); retrying in {DelayMilliseconds} ms")]
    private static partial void LogRetryScheduled(ILogger logger, string ruleId, string topic, string reason, double delayMilliseconds);

    [LoggerMessage(EventId = 1259, Level = LogLevel.Information, Message = "Rule {RuleId} published to {Topic} on retry {Retry}")]
    private static partial void LogPublishedAfterRetry(ILogger logger, string ruleId, string topic, int retry);

    [LoggerMessage(EventId = 1261, Level = LogLevel.Error, Message = "Rule {RuleId} dropped its message to {Topic} after {Retries} retries: {Reason}")]
    private static partial void LogPublishDropped(ILogger logger, string ruleId, string topic, int retries, string reason);

    [LoggerMessage(EventId = 1274, Level = LogLevel.Error, Message = "Rule {RuleId} dropped its message to {Topic} because the gateway stopped while it waited, after {Retries} retries")]
    private static partial void LogDroppedAtStop(ILogger logger, string ruleId, string topic, int retries);
}
