using System.Globalization;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus.Polling;

/// <summary>
/// Online or offline state of one device, decided after each poll. It logs the first failed poll and the recovery,
/// not every poll in between, and returns the event to publish on each change.
/// </summary>
internal sealed class ModbusDeviceHealth
{
    private readonly string _deviceId;
    private readonly GatewayClock _clock;
    private readonly ILogger _logger;

    private bool? _online;
    private int _failedPolls;
    private long _offlineSince;

    public ModbusDeviceHealth(string deviceId, GatewayClock clock, ILogger logger)
    {
        _deviceId = deviceId;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Failed polls in a row; 0 while the device responds.</summary>
    public int FailedPolls => _failedPolls;

    /// <summary>
    /// Records one poll: online when the device responded to at least one request (with data or an exception response).
    /// Returns the online or offline event when the state changed, otherwise null. The first poll always reports.
    /// </summary>
    public DeviceEvent? Record(bool responded, ModbusException? failure)
    {
        if (responded)
        {
            return RecordResponded();
        }

        _failedPolls++;
        if (_online == false)
        {
            return null;
        }

        _online = false;
        _offlineSince = _clock.TimeProvider.GetTimestamp();
        var reason = failure?.Message ?? string.Empty;
        var english = failure?.GetMessage(CultureInfo.InvariantCulture) ?? string.Empty;

        // An offline device is an expected outcome, and its message names the device, the address and the cause. A
        // stack trace would add nothing for the technician, and rendering one loads the debug symbol readers.
        ModbusLog.DeviceOffline(_logger, _deviceId, english);

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["reason"] = reason };
        return new DeviceEvent(_deviceId, DeviceEventTypes.Offline, _clock.UtcNow, _clock.Stamp(), attributes);
    }

    private DeviceEvent? RecordResponded()
    {
        if (_online == true)
        {
            return null;
        }

        if (_online == false)
        {
            var offline = _clock.TimeProvider.GetElapsedTime(_offlineSince);
            ModbusLog.DeviceRecovered(_logger, _deviceId, _failedPolls, (long)offline.TotalMilliseconds);
        }
        else
        {
            ModbusLog.DeviceOnline(_logger, _deviceId);
        }

        _online = true;
        _failedPolls = 0;
        return new DeviceEvent(_deviceId, DeviceEventTypes.Online, _clock.UtcNow, _clock.Stamp());
    }
}
