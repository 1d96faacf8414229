namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>
/// A campus broker that the class-board suite runs against: the embedded broker, or a real Mosquitto configured
/// with the same accounts (gateway account on every topic, each board with user name = board id).
/// </summary>
public interface ICampusBrokerPeer : IAsyncDisposable
{
    string Host { get; }

    int Port { get; }

    string GatewayUsername { get; }

    string GatewayPassword { get; }

    string BoardPassword(string boardId);

    /// <summary>Stops the broker and starts it again on the same port, without persistence: sessions and retained messages are lost.</summary>
    Task RestartAsync();
}
