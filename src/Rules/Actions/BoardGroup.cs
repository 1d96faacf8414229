namespace SmartCampus.Edge.Rules.Actions;

/// <summary>
/// Class boards by location: a building, floor or room, or several of them; a null key matches any board. The host
/// resolves the group to boards when it sends the notice, so a board added or moved since the start is included.
/// </summary>
public sealed record BoardGroup
{
    /// <exception cref="ArgumentException">All three keys are null or blank.</exception>
    public BoardGroup(string? building, string? floor, string? room)
    {
        if (string.IsNullOrWhiteSpace(building) && string.IsNullOrWhiteSpace(floor) && string.IsNullOrWhiteSpace(room))
        {
            throw new ArgumentException("A board group needs a building, a floor or a room.", nameof(building));
        }

        Building = building;
        Floor = floor;
        Room = room;
    }

    public string? Building { get; }

    public string? Floor { get; }

    public string? Room { get; }

    /// <summary>Whether a board at this building, floor and room belongs to the group; keys compare ignoring case.</summary>
    public bool Matches(string? building, string? floor, string? room) =>
        Same(Building, building) && Same(Floor, floor) && Same(Room, room);

    /// <summary>The group as a notice target in logs and timelines, for example <c>building=A,floor=2</c>.</summary>
    public override string ToString() =>
        string.Join(",", new[] { ("building", Building), ("floor", Floor), ("room", Room) }
            .Where(entry => entry.Item2 is not null)
            .Select(entry => $"{entry.Item1}={entry.Item2}"));

    private static bool Same(string? expected, string? actual) =>
        expected is null || string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase);
}
