using System.Collections.Concurrent;
using SmartCampus.Edge.Rules.Outputs;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// Decides which boards a group notice goes to. A notice is resolved against the <see cref="BoardDirectory"/> when it
/// is sent. Withdrawing an emergency notice reaches the boards it was sent to and the boards in the group now, so a
/// board moved out of the group during the alarm is not left showing it.
/// </summary>
internal sealed class NoticeRecipients(BoardDirectory directory)
{
    // Boards that each active group emergency notice went to, by notice id.
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> emergencyBoards = new(StringComparer.Ordinal);

    /// <summary>The boards to send <paramref name="command"/> to; its target alone unless it names a group.</summary>
    public IReadOnlyList<string> ForSend(SendNoticeCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Group is not { } group)
        {
            return [command.Target];
        }

        var boards = directory.Resolve(group);
        if (command.Emergency)
        {
            emergencyBoards.AddOrUpdate(command.NoticeId, boards, (_, earlier) => earlier.Union(boards, StringComparer.Ordinal).ToArray());
        }

        return boards;
    }

    /// <summary>Returns the boards to withdraw the notice of <paramref name="command"/> from, and stops tracking that notice.</summary>
    public IReadOnlyList<string> ForClear(ClearEmergencyNoticeCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Group is not { } group)
        {
            return [command.Target];
        }

        emergencyBoards.TryRemove(command.NoticeId, out var sent);
        return (sent ?? []).Union(directory.Resolve(group), StringComparer.Ordinal).ToArray();
    }
}
