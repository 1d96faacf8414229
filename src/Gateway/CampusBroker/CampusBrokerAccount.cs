using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.Drivers.Mqtt.Gates;

namespace SmartCampus.Edge.Gateway.CampusBroker;

/// <summary>A login on the campus broker and the topics it may use.</summary>
public sealed class CampusBrokerAccount
{
    /// <param name="password">
    /// The password in plain text, or a hash made by <see cref="CampusPasswordHash.Create"/> (text starting with
    /// <c>pbkdf2-sha256$</c>), which is how the site configuration should hold it.
    /// </param>
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

        if (password.StartsWith(CampusPasswordHash.Prefix, StringComparison.Ordinal) && !CampusPasswordHash.IsValid(password))
        {
            throw new ArgumentException($"The password hash of account '{username}' is malformed: expected pbkdf2-sha256$ITERATIONS$SALT$KEY with at least {CampusPasswordHash.MinIterations} iterations.", nameof(password));
        }

        Username = username;
        Password = password;
        AllowedTopicPrefix = allowedTopicPrefix;
    }

    public string Username { get; }

    /// <summary>Never logged. Plain text or a PBKDF2 hash; see <see cref="IsHashed"/>.</summary>
    public string Password { get; }

    public bool IsHashed => Password.StartsWith(CampusPasswordHash.Prefix, StringComparison.Ordinal);

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
