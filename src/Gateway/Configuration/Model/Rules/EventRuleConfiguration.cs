namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>
/// A device event counted in a sliding window: a card denied 5 times in 2 minutes, a door forced once
/// (<c>kind: event</c>). <see cref="RuleConfiguration.Point"/> is <c>device.event</c>.
/// </summary>
public sealed record EventRuleConfiguration : RuleConfiguration
{
    /// <summary>Events inside <see cref="Within"/> that raise the alarm (<c>count</c>, 1 to 10,000, default 1).</summary>
    public required int Count { get; init; }

    /// <summary>Length of the sliding window (<c>within</c>).</summary>
    public required TimeSpan Within { get; init; }
}
