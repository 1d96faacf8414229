namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>Publishes a payload to a device topic on the campus broker on raise (<c>publish</c>).</summary>
public sealed record PublishActionConfiguration : RuleActionConfiguration
{
    /// <summary>A plain MQTT topic, without + or #.</summary>
    public required string Topic { get; init; }

    /// <summary>Text sent as UTF-8 (<c>payload</c>).</summary>
    public required string Payload { get; init; }
}
