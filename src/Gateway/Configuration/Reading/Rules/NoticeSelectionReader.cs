using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>
/// Reads a notice target written as a mapping, <c>{building: A, floor: "2", room: "201"}</c>: the class boards whose
/// own keys match every key given. At least one key, and at least one board must match.
/// </summary>
internal static class NoticeSelectionReader
{
    public const string Example = "{building: A, floor: \"2\"}";

    public static BoardSelection? Read(MappingReader target)
    {
        var building = target.Key("building").OptionalText("A");
        var floor = target.Key("floor").OptionalText("\"2\"");
        var room = target.Key("room").OptionalText("\"201\"");
        target.ReportUnknownKeys();

        if (building is null && floor is null && room is null)
        {
            target.Context.Problems.Add(ConfigurationProblemKind.MissingKey, target.Start, KeyPath.Child(target.Path, "building"), null, new ProblemMessage(MessageKeys.NoticeSelectionNoKey, Example));
            return null;
        }

        var selection = new BoardSelection(building, floor, room);
        var devices = target.Context.Devices;
        var boards = devices.ClassBoardIds.Select(id => devices.TryGet(id, out var entry) ? (Id: id, entry.Location) : default).ToList();
        if (boards.Any(board => selection.Matches(board.Location.Building, board.Location.Floor, board.Location.Room)))
        {
            return selection;
        }

        var known = NameList.Limit(boards.Select(board => $"{board.Id} ({string.Join("/", board.Location.Building ?? "-", board.Location.Floor ?? "-", board.Location.Room ?? "-")})"));
        target.Context.Problems.Add(ConfigurationProblemKind.UnknownReference, target.Start, target.Path, null, new ProblemMessage(MessageKeys.NoticeSelectionEmpty, selection.ToString(), known));
        return null;
    }
}
