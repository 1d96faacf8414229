using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.Drivers.Mqtt.Gates;

namespace SmartCampus.Edge.Gateway.CampusBroker;

/// <summary>A login on the campus broker and the topics it may use.</summary>
public sealed class CampusBrokerAccount
{
    /// <param name="allowedTopicPrefix">
    /// Topics the account may publish and subscribe under, with the trailing slash; null allows every topic.
    /// </param>
    public CampusBrokerAccount(string username, string password, string? allowedTopicPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        if (allowedTopicPrefix is not null && (allowedTopicPrefix.Length == 0 || allowedTopicPrefix.AsSpan().ContainsAny('+', '#')))
        {
            throw new ArgumentException($"Topic prefix '{allowedTopicPrefix}' of account '{username}' is invalid: expected a topic without wildcards, for example 'campus/boards/board-201/'.", nameof(allowedTopicPrefix));
        }

        Username = username;
        Password = password;
        AllowedTopicPrefix = allowedTopicPrefix;
    }

    public string Username { get; }

    /// <summary>Never logged. NOTE: kept in plain text, as written in the site configuration; hashed storage comes later.</summary>
    public string Password { get; }

    public string? AllowedTopicPrefix { get; }

    /// <summary>The gateway's own account, which may use every topic.</summary>
    public static CampusBrokerAccount ForGateway(string username, string password) => new(username, password, null);

    /// <summary>A class board's account: user name = board id, limited to <c>campus/boards/{boardId}/#</c>.</summary>
    public static CampusBrokerAccount ForBoard(string boardId, string password) =>
        new(boardId, password, CampusTopics.BoardPrefix(boardId));

    /// <summary>
    /// An access gate's or door controller's account: user name = gate id, limited to <c>campus/gates/{gateId}/#</c>,
    /// so a gate can neither publish notices nor command another gate.
    /// </summary>
    public static CampusBrokerAccount ForGate(string gateId, string password) =>
        new(gateId, password, GateTopics.GatePrefix(gateId));

    public override string ToString() => $"{Username} ({AllowedTopicPrefix ?? "all topics"})";
}
