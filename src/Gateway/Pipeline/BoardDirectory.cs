using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Rules.Actions;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>
/// The class boards and where they hang, for resolving a notice to a building, floor or room when it is sent rather
/// than when the rules were built. <see cref="Replace"/> swaps the whole list at once, so a board added or moved gets
/// the next notice to its new place.
/// </summary>
// NOTE: in the running host the list comes from the site configuration, and a configuration update restarts the
// gateway. Nothing calls Replace at run time yet, because the class-board hub learns no boards after its start.
internal sealed class BoardDirectory
{
    private IReadOnlyList<BoardLocation> boards;

    public BoardDirectory(IEnumerable<BoardLocation> boards)
    {
        ArgumentNullException.ThrowIfNull(boards);
        this.boards = boards.ToArray();
    }

    public static BoardDirectory From(SiteConfiguration site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new BoardDirectory(site.Devices.OfType<ClassBoardConfiguration>()
            .Select(board => new BoardLocation(board.Id, board.Building, board.Floor, board.Room)));
    }

    /// <summary>Replaces every board's location, as after a configuration change.</summary>
    public void Replace(IEnumerable<BoardLocation> locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        Volatile.Write(ref boards, locations.ToArray());
    }

    /// <summary>Ids of the boards in <paramref name="group"/> now, in the order listed.</summary>
    public IReadOnlyList<string> Resolve(BoardGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return Volatile.Read(ref boards)
            .Where(board => group.Matches(board.Building, board.Floor, board.Room))
            .Select(board => board.BoardId)
            .ToArray();
    }
}
