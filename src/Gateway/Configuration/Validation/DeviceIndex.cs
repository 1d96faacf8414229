using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Validation;

/// <summary>
/// The devices that the file declares, by id, as far as they are readable. Rules, actions and simulators resolve
/// their references here, so a device with a problem of its own does not cause a second problem in every rule that
/// uses it.
/// </summary>
internal sealed class DeviceIndex
{
    /// <summary>The device id that notices use for every class board.</summary>
    public const string AllBoards = "all";

    private readonly Dictionary<string, DeviceEntry> byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceEntry> byPath = new(StringComparer.Ordinal);
    private readonly UniqueIds ids = new();

    public IEnumerable<string> Ids => byId.Keys;

    public IEnumerable<string> AccessGateIds => byId.Values.Where(entry => entry.Kind == DeviceKind.AccessGate).Select(entry => entry.Id);

    public IEnumerable<string> ClassBoardIds => byId.Values.Where(entry => entry.Kind == DeviceKind.ClassBoard).Select(entry => entry.Id);

    /// <summary>
    /// Adds the device at <paramref name="path"/>. An entry with a repeated or reserved id is returned but not indexed,
    /// so references resolve to the first device with that id.
    /// </summary>
    public DeviceEntry Register(string id, ValueReader idValue, string path)
    {
        var entry = new DeviceEntry(id, path);
        if (id == AllBoards)
        {
            idValue.Report(ConfigurationProblemKind.InvalidId, id, new ProblemMessage(MessageKeys.ReservedDeviceId, id));
            return entry;
        }

        if (ids.Add(id, idValue))
        {
            byId.Add(id, entry);
            byPath.Add(path, entry);
        }

        return entry;
    }

    public bool TryGet(string id, out DeviceEntry entry) => byId.TryGetValue(id, out entry!);

    /// <summary>
    /// Pins of every hardware gpio device. They all drive lines of the default GPIO chip, so a pin number may
    /// appear only once across them.
    /// </summary>
    public PinRegistry HardwarePins { get; } = new();

    public SerialBusRegistry SerialBuses { get; } = new();

    /// <summary>Returns the id of the device whose entry contains <paramref name="problemPath"/>, if it has a unique id.</summary>
    public string? DeviceIdOfPath(string problemPath)
    {
        var prefix = SiteSections.Devices + "[";
        if (!problemPath.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = problemPath.IndexOf(']', StringComparison.Ordinal);
        return end < 0 ? null : byPath.GetValueOrDefault(problemPath[..(end + 1)])?.Id;
    }
}
