using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Rules.Actions;

/// <summary>
/// Shows a notice on a class board, or on every board with <see cref="AllBoards"/>. An emergency notice takes the
/// full screen and stays until the rule's alarm clears; an ordinary notice is sent once and never withdrawn.
/// </summary>
public sealed record NoticeAction : RuleAction
{
    /// <summary>Target that addresses every class board of the school.</summary>
    public const string AllBoards = "all";

    public NoticeAction(string target, LocalizedText text, bool emergency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentNullException.ThrowIfNull(text);

        Target = target;
        Text = text;
        Emergency = emergency;
    }

    /// <summary>Device id of a class board, or <see cref="AllBoards"/>.</summary>
    public string Target { get; }

    public LocalizedText Text { get; }

    public bool Emergency { get; }

    public bool IsForAllBoards => string.Equals(Target, AllBoards, StringComparison.Ordinal);
}
