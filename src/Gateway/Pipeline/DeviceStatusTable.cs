using System.Collections.Concurrent;
using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>Last online or offline event of every device that reported one; written only by the pipeline.</summary>
public sealed class DeviceStatusTable
{
    private readonly ConcurrentDictionary<string, bool> _online = new(StringComparer.Ordinal);

    public int OnlineCount => _online.Count(entry => entry.Value);

    public int OfflineCount => _online.Count(entry => !entry.Value);

    /// <summary>True or false from the device's last online or offline event; null before it reported either.</summary>
    public bool? IsOnline(string deviceId) => _online.TryGetValue(deviceId, out var online) ? online : null;

    /// <summary>Device id and online state of every device that reported one; safe to enumerate from any thread.</summary>
    public IEnumerable<KeyValuePair<string, bool>> States => _online;

    public void Apply(DeviceEvent deviceEvent)
    {
        switch (deviceEvent.Type)
        {
            case DeviceEventTypes.Online:
                _online[deviceEvent.DeviceId] = true;
                break;
            case DeviceEventTypes.Offline:
                _online[deviceEvent.DeviceId] = false;
                break;
        }
    }
}
