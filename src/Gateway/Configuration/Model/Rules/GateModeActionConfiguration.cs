namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>Puts one gate, or every gate, in a mode while the rule's alarm is active (<c>gateMode</c>).</summary>
public sealed record GateModeActionConfiguration : RuleActionConfiguration
{
    /// <summary>The gate's device id; null for every gate of the site.</summary>
    public string? GateId { get; init; }

    public required GateModeSetting Mode { get; init; }
}
