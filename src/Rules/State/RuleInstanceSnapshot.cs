using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.State;

/// <summary>
/// Saved state of one rule instance. Times in progress are stored as elapsed time on the monotonic clock, because a
/// monotonic timestamp means nothing after a reboot: a restored duration resumes with its remaining time.
/// </summary>
/// <param name="RuleId">Rule instance id.</param>
/// <param name="Alarm">The active alarm, including a latched one waiting for its reset; null when none.</param>
/// <param name="ConditionActive">Whether the rule's condition held when the snapshot was taken.</param>
/// <param name="CommandsIssued">Whether the alarm's commands ran (false when it was raised while shelved).</param>
/// <param name="PendingElapsed">
/// Time already counted towards the rule's duration (a threshold's <c>for</c>, a stale deadline); null when none runs.
/// </param>
/// <param name="PendingValue">Value that started the pending duration, used in the raise text; null when none.</param>
/// <param name="ShelvedRemaining">Time left of the shelving; null when the instance is not shelved.</param>
/// <param name="ShelvedBy">Who shelved the instance; null when not shelved or not given.</param>
/// <param name="KindState">Extra state of the rule kind, as text (the input rule's debounced level); null when none.</param>
public sealed record RuleInstanceSnapshot(
    string RuleId,
    Alarm? Alarm,
    bool ConditionActive,
    bool CommandsIssued,
    TimeSpan? PendingElapsed,
    PointValue? PendingValue,
    TimeSpan? ShelvedRemaining,
    string? ShelvedBy,
    string? KindState = null);
