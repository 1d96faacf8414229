using YamlDotNet.Core;

namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>
/// Where the values that warnings name were written (Modbus point addresses and secret file keys), so that a warning
/// gets the same file:line:column prefix as a problem. A point that comes from a device profile file keeps its
/// position in that file and the position of the <c>profile</c> key that names the file.
/// </summary>
internal sealed class SourcePositions
{
    private readonly Dictionary<string, SourcePosition> keys = new(StringComparer.Ordinal);
    private readonly Dictionary<(string DeviceId, string PointId), SourcePosition> pointAddresses = [];

    public static SourcePositions None { get; } = new();

    /// <summary>Keeps the first position of <paramref name="path"/>.</summary>
    public void AddKey(string path, Mark at) => keys.TryAdd(path, Create(path, at));

    /// <summary>Keeps the position of a point's address; the first one wins, as explicit points are read before profiles.</summary>
    public void AddPointAddress(string deviceId, string pointId, string path, Mark at) =>
        pointAddresses.TryAdd((deviceId, pointId), Create(path, at));

    /// <summary>
    /// Adds the point addresses of <paramref name="inner"/>, the positions of a profile file, located at the
    /// <c>profile</c> key (<paramref name="at"/>, <paramref name="path"/>) that names it. A point of the site file
    /// with the same id replaces the profile's point, so its position is kept.
    /// </summary>
    public void AddFrom(SourcePositions inner, Mark at, string path, string name, string file)
    {
        foreach (var (point, position) in inner.pointAddresses)
        {
            var profile = new ProfileLocation { Name = name, File = file, Line = position.Line, Column = position.Column, Path = position.Path };
            pointAddresses.TryAdd(point, Create(path, at) with { Profile = profile });
        }
    }

    public SourcePosition? FindKey(string path) => keys.GetValueOrDefault(path);

    public SourcePosition? FindPointAddress(string deviceId, string pointId) => pointAddresses.GetValueOrDefault((deviceId, pointId));

    private static SourcePosition Create(string path, Mark at) => new(path, checked((int)at.Line), checked((int)at.Column));
}
