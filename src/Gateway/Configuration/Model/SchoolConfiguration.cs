namespace SmartCampus.Edge.Gateway.Configuration.Model;

/// <summary>The school this gateway serves.</summary>
public sealed record SchoolConfiguration
{
    /// <summary>District-wide school id of lowercase letters, digits and '-'; it is a level of every district topic.</summary>
    public required string Id { get; init; }

    /// <summary>Display name, for example 示范小学.</summary>
    public required string Name { get; init; }
}
