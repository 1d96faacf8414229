namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>
/// A device whose driver reports it offline for <see cref="For"/> (<c>kind: offline</c>).
/// <see cref="RuleConfiguration.Point"/> is <c>device.offline</c>.
/// </summary>
public sealed record OfflineRuleConfiguration : RuleConfiguration
{
    /// <summary>Time the device must stay offline before the alarm (<c>for</c>, default zero).</summary>
    public required TimeSpan For { get; init; }
}
