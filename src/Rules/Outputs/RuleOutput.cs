namespace SmartCampus.Edge.Rules.Outputs;

/// <summary>
/// What the engine emits for the host to route: alarm records (<see cref="AlarmRaised"/>, <see cref="AlarmChanged"/>,
/// <see cref="AlarmCleared"/>, <see cref="RuleShelved"/>) for the outbox alarm lane and the console, and commands
/// (<see cref="SetOutputCommand"/>, <see cref="WritePointCommand"/>, <see cref="GateModeCommand"/>,
/// <see cref="PublishCommand"/>, <see cref="SendNoticeCommand"/>, <see cref="ClearEmergencyNoticeCommand"/>,
/// <see cref="NotifyDistrictCommand"/>) for the drivers and the uplink. The set is closed.
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
