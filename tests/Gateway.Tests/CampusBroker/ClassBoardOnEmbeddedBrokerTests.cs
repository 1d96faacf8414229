namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

public sealed class ClassBoardOnEmbeddedBrokerTests : ClassBoardSuite
{
    protected override async Task<ICampusBrokerPeer> StartBrokerAsync(IReadOnlyList<string> boardIds) =>
        await EmbeddedCampusBrokerPeer.StartAsync(boardIds);
}
