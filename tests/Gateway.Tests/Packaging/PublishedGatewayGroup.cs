namespace SmartCampus.Edge.Gateway.Tests.Packaging;

/// <summary>Tests that share one published executable.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedGatewayGroup : ICollectionFixture<PublishedGateway>
{
    public const string Name = "Published gateway";
}
