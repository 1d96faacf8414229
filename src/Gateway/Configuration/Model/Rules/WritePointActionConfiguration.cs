using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>Writes a value to a writable point, such as a Modbus holding register (<c>writePoint</c>).</summary>
public sealed record WritePointActionConfiguration : RuleActionConfiguration
{
    public required PointId Point { get; init; }

    /// <summary>Written on raise: a number, a boolean or a text.</summary>
    public required PointValue Value { get; init; }

    /// <summary>Written on clear (<c>clearValue</c>); null writes nothing on clear.</summary>
    public PointValue? ClearValue { get; init; }
}
