namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>
/// What the engine emits for the host to route: alarm records (<see cref="AlarmRaised"/>, <see cref="AlarmCleared"/>)
/// for the outbox and console, and commands (<see cref="SetOutputCommand"/>, <see cref="SendNoticeCommand"/>,
/// <see cref="ClearEmergencyNoticeCommand"/>) for the drivers. The set is closed.
/// </summary>
public abstract record RuleOutput
{
    private protected RuleOutput(string ruleId)
    {
        RuleId = ruleId;
    }

    /// <summary>Id of the rule that produced the output.</summary>
    public string RuleId { get; }
}
