namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>The class-board cases with Mosquitto as the external campus broker.</summary>
public sealed class ClassBoardOnMosquittoTests : ClassBoardSuite
{
    protected override async Task<ICampusBrokerPeer> StartBrokerAsync(IReadOnlyList<string> boardIds) =>
        await MosquittoCampusBrokerPeer.StartAsync(boardIds);
}
