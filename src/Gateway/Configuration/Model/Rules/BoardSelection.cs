namespace SmartCampus.Edge.Gateway.Configuration.Model.Rules;

/// <summary>Class boards by location; a null key matches any board. At least one key is set.</summary>
public sealed record BoardSelection(string? Building, string? Floor, string? Room)
{
    /// <summary>Whether a board at this building, floor and room is selected; keys compare as written, ignoring case.</summary>
    public bool Matches(string? building, string? floor, string? room) =>
        Same(Building, building) && Same(Floor, floor) && Same(Room, room);

    public override string ToString() =>
        string.Join(", ", new[] { ("building", Building), ("floor", Floor), ("room", Room) }
            .Where(entry => entry.Item2 is not null)
            .Select(entry => $"{entry.Item1}: {entry.Item2}"));

    private static bool Same(string? expected, string? actual) =>
        expected is null || string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase);
}
