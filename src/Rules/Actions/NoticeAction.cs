using SmartCampus.Edge.Rules.Text;

namespace SmartCampus.Edge.Rules.Actions;

/// <summary>
/// Shows a notice on a class board, on every board with <see cref="AllBoards"/>, or on the boards of a
/// <see cref="BoardGroup"/>. An emergency notice takes the full screen and stays until the rule's alarm clears; an
/// ordinary notice is sent once and never withdrawn.
/// </summary>
public sealed record NoticeAction : RuleAction
{
    /// <summary>Target that addresses every class board of the school.</summary>
    public const string AllBoards = "all";

    /// <summary>Shows the notice on the boards of <paramref name="group"/>, resolved by the host when it sends it.</summary>
    public NoticeAction(BoardGroup group, LocalizedText text, bool emergency)
        : this(group?.ToString() ?? throw new ArgumentNullException(nameof(group)), text, emergency)
    {
        Group = group;
    }

    public NoticeAction(string target, LocalizedText text, bool emergency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentNullException.ThrowIfNull(text);

        Target = target;
        Text = text;
        Emergency = emergency;
    }

    /// <summary>Device id of a class board, <see cref="AllBoards"/>, or the text of <see cref="Group"/>.</summary>
    public string Target { get; }

    /// <summary>The boards by location; null when <see cref="Target"/> names one board or all.</summary>
    public BoardGroup? Group { get; }

    public LocalizedText Text { get; }

    public bool Emergency { get; }

    public bool IsForAllBoards => Group is null && string.Equals(Target, AllBoards, StringComparison.Ordinal);
}
