using System.Collections.Concurrent;
using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Gateway.Pipeline;

/// <summary>Last online or offline event of every device that reported one; written only by the pipeline.</summary>
public sealed class DeviceStatusTable
{
    private readonly ConcurrentDictionary<string, bool> _online = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _offlineReasons = new(StringComparer.Ordinal);

    public int OnlineCount => _online.Count(entry => entry.Value);

    public int OfflineCount => _online.Count(entry => !entry.Value);

    /// <summary>True or false from the device's last online or offline event; null before it reported either.</summary>
    public bool? IsOnline(string deviceId) => _online.TryGetValue(deviceId, out var online) ? online : null;

    /// <summary>Device id and online state of every device that reported one; safe to enumerate from any thread.</summary>
    public IEnumerable<KeyValuePair<string, bool>> States => _online;

    /// <summary>
    /// The error the driver reported with the device's offline event (a timeout, a Modbus exception, a refused
    /// connection). It is null while the device is online or when the driver gave none. The driver writes it in
    /// the gateway's operator language.
    /// </summary>
    public string? OfflineReason(string deviceId) => _offlineReasons.TryGetValue(deviceId, out var reason) ? reason : null;

    public void Apply(DeviceEvent deviceEvent)
    {
        switch (deviceEvent.Type)
        {
            case DeviceEventTypes.Online:
                _online[deviceEvent.DeviceId] = true;
                _offlineReasons.TryRemove(deviceEvent.DeviceId, out _);
                break;
            case DeviceEventTypes.Offline:
                _online[deviceEvent.DeviceId] = false;
                StoreReason(deviceEvent);
                break;
        }
    }

    private void StoreReason(DeviceEvent deviceEvent)
    {
        if (deviceEvent.Attributes?.TryGetValue("reason", out var reason) == true && !string.IsNullOrWhiteSpace(reason))
        {
            _offlineReasons[deviceEvent.DeviceId] = reason;
            return;
        }

        _offlineReasons.TryRemove(deviceEvent.DeviceId, out _);
    }
}
