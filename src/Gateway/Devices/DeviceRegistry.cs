using SmartCampus.Edge.Drivers.Abstractions;
using SmartCampus.Edge.Drivers.Mqtt;

namespace SmartCampus.Edge.Gateway.Devices;

/// <summary>Every driver the site configuration created, by device id, plus the class-board hub when boards exist.</summary>
public sealed class DeviceRegistry
{
    private readonly Dictionary<string, IDeviceDriver> _byDeviceId;

    public DeviceRegistry(IEnumerable<IDeviceDriver> drivers, ClassBoardHub? classBoards, IReadOnlyList<IAsyncDisposable>? sharedTransports = null)
    {
        ArgumentNullException.ThrowIfNull(drivers);

        Drivers = [.. drivers];
        _byDeviceId = Drivers.ToDictionary(driver => driver.DeviceId, StringComparer.Ordinal);
        ClassBoards = classBoards;
        SharedTransports = sharedTransports ?? [];
    }

    /// <summary>Transports that several drivers use, such as one serial bus; disposed after every driver.</summary>
    public IReadOnlyList<IAsyncDisposable> SharedTransports { get; }

    /// <summary>All drivers to run, including the class-board hub.</summary>
    public IReadOnlyList<IDeviceDriver> Drivers { get; }

    public ClassBoardHub? ClassBoards { get; }

    public bool TryGet(string deviceId, out IDeviceDriver? driver) => _byDeviceId.TryGetValue(deviceId, out driver);
}
