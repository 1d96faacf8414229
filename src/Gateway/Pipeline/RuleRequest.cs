using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Engine;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// An acknowledgement, shelving or unshelving of a rule's alarm from the console, the district or an on-site button.
/// Post it with <see cref="FieldChannel.SendRuleRequestAsync"/>: the pipeline, the engine's single reader, applies it
/// between samples, routes the outputs (alarm records to the outbox, released outputs to the drivers) and completes
/// <see cref="Completion"/> once the alarm records of the pass are durable.
/// </summary>
public sealed class RuleRequest
{
    private readonly TaskCompletionSource<RuleCommandResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RuleRequest(RuleRequestKind kind, string ruleId, RequestOrigin origin, string? by, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        if (!Enum.IsDefined(origin))
        {
            throw new ArgumentOutOfRangeException(nameof(origin), origin, "Unknown request origin.");
        }

        Kind = kind;
        RuleId = ruleId;
        Origin = origin;
        By = by;
        Duration = duration;
    }

    public RuleRequestKind Kind { get; }

    /// <summary>Engine rule id; a rule on a point pattern has one per instance, such as <c>co2-high@room-201-air</c>.</summary>
    public string RuleId { get; }

    /// <summary>Where the request comes from; only <see cref="RequestOrigin.OnSite"/> resets a latched alarm.</summary>
    public RequestOrigin Origin { get; }

    /// <summary>Who asked, as shown in the alarm record and the audit log; null when unknown.</summary>
    public string? By { get; }

    /// <summary>Length of a shelving; zero for the other kinds.</summary>
    public TimeSpan Duration { get; }

    /// <summary>
    /// The engine's answer: accepted or not, with the operator text of the reason (for example that a latched alarm
    /// needs an on-site reset). Faults if the engine threw; cancelled if the pipeline stopped first.
    /// </summary>
    public Task<RuleCommandResult> Completion => completion.Task;

    public static RuleRequest Acknowledge(string ruleId, RequestOrigin origin, string? by) =>
        new(RuleRequestKind.Acknowledge, ruleId, origin, by, TimeSpan.Zero);

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is zero or negative.</exception>
    public static RuleRequest Shelve(string ruleId, TimeSpan duration, RequestOrigin origin, string? by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return new(RuleRequestKind.Shelve, ruleId, origin, by, duration);
    }

    public static RuleRequest Unshelve(string ruleId, RequestOrigin origin, string? by) =>
        new(RuleRequestKind.Unshelve, ruleId, origin, by, TimeSpan.Zero);

    /// <summary>Runs the request on the engine; only the pipeline calls this, on its reader.</summary>
    internal RuleCommandResult Apply(RuleEngine engine) => Kind switch
    {
        RuleRequestKind.Acknowledge => engine.Acknowledge(RuleId, Origin, By),
        RuleRequestKind.Shelve => engine.Shelve(RuleId, Duration, By),
        _ => engine.Unshelve(RuleId),
    };

    internal void Complete(RuleCommandResult result) => completion.TrySetResult(result);

    internal void Fail(Exception exception) => completion.TrySetException(exception);

    internal void Cancel() => completion.TrySetCanceled();
}
