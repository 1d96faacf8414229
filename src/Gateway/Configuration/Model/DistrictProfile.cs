namespace SmartCampus.Edge.Gateway.Configuration.Model;

/// <summary>What the district link speaks: the SmartCampus topics (docs/district-topics.md) or ThingsBoard's gateway API.</summary>
public enum DistrictProfile
{
    SmartCampus,
    ThingsBoard,
}
