namespace SmartCampus.Edge.Gateway.CampusBroker;

/// <summary>Counts since the broker started, for health and metrics.</summary>
/// <param name="ConnectionsAccepted">Logins that passed authentication.</param>
/// <param name="ConnectionsRejected">Logins rejected for a missing or wrong user name or password, or a client id held by another account.</param>
/// <param name="ConnectedClients">Clients connected now.</param>
/// <param name="MessagesReceived">Publishes from clients that passed the access check.</param>
/// <param name="PublishesDenied">Publishes outside the account's topics or over the payload limit.</param>
/// <param name="SubscriptionsDenied">Topic filters outside the account's topics.</param>
/// <param name="MessagesDropped">Messages dropped because a client's queue was full.</param>
public readonly record struct CampusBrokerCounters(
    long ConnectionsAccepted,
    long ConnectionsRejected,
    long ConnectedClients,
    long MessagesReceived,
    long PublishesDenied,
    long SubscriptionsDenied,
    long MessagesDropped);
