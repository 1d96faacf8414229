using System.Buffers;

namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>
/// Topic scheme of the campus broker for class boards, documented in docs/campus-topics.md. Each board owns the
/// subtree <c>campus/boards/{boardId}/</c>, which is also the limit of its broker account.
/// </summary>
public static class CampusTopics
{
    public const string BoardsRoot = "campus/boards";

    /// <summary>Filter the gateway subscribes to for the heartbeats of every board.</summary>
    public const string HeartbeatFilter = BoardsRoot + "/+/heartbeat";

    /// <summary>Filter for the acknowledgements of notices and commands.</summary>
    public const string AckFilter = BoardsRoot + "/+/ack";

    /// <summary>Filter for card swipes.</summary>
    public const string SwipeFilter = BoardsRoot + "/+/swipe";

    /// <summary>Target name that addresses every configured board.</summary>
    public const string AllBoards = "all";

    public const int MaxBoardIdLength = 64;

    private static readonly SearchValues<char> BoardIdCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    /// <summary>Prefix of every topic a board may use, with the trailing slash, so that board "b1" does not match "b10".</summary>
    public static string BoardPrefix(string boardId) => $"{BoardsRoot}/{boardId}/";

    public static string Heartbeat(string boardId) => BoardPrefix(boardId) + "heartbeat";

    public static string Notice(string boardId) => BoardPrefix(boardId) + "notice";

    public static string Emergency(string boardId) => BoardPrefix(boardId) + "emergency";

    public static string Ack(string boardId) => BoardPrefix(boardId) + "ack";

    public static string Swipe(string boardId) => BoardPrefix(boardId) + "swipe";

    public static string Command(string boardId) => BoardPrefix(boardId) + "command";

    /// <summary>Splits <c>campus/boards/{boardId}/{leaf}</c>; the leaf is one topic level.</summary>
    public static bool TryParseBoardTopic(string? topic, out string boardId, out string leaf)
    {
        boardId = string.Empty;
        leaf = string.Empty;
        const string prefix = BoardsRoot + "/";
        if (topic is null || !topic.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic.AsSpan(prefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || rest[(slash + 1)..].Contains('/') || slash == rest.Length - 1)
        {
            return false;
        }

        var candidate = rest[..slash].ToString();
        if (!IsValidBoardId(candidate))
        {
            return false;
        }

        boardId = candidate;
        leaf = rest[(slash + 1)..].ToString();
        return true;
    }

    /// <summary>
    /// True for 1 to 64 ASCII letters, digits, '-' or '_'. That keeps MQTT wildcards, '/' and '.' out, because the
    /// board id is a topic level and the device half of the <c>{boardId}.online</c> point id.
    /// </summary>
    public static bool IsValidBoardId(string? boardId) =>
        !string.IsNullOrEmpty(boardId)
        && boardId.Length <= MaxBoardIdLength
        && !boardId.AsSpan().ContainsAnyExcept(BoardIdCharacters)
        && !string.Equals(boardId, AllBoards, StringComparison.Ordinal);

    /// <summary>Extracts the board id from <c>campus/boards/{boardId}/heartbeat</c>.</summary>
    public static bool TryParseHeartbeat(string? topic, out string boardId)
    {
        boardId = string.Empty;
        const string prefix = BoardsRoot + "/";
        const string suffix = "/heartbeat";
        if (topic is null
            || !topic.StartsWith(prefix, StringComparison.Ordinal)
            || !topic.EndsWith(suffix, StringComparison.Ordinal)
            || topic.Length <= prefix.Length + suffix.Length)
        {
            return false;
        }

        var candidate = topic[prefix.Length..^suffix.Length];
        if (!IsValidBoardId(candidate))
        {
            return false;
        }

        boardId = candidate;
        return true;
    }
}
