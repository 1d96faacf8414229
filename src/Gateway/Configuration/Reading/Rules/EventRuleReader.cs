using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>Reads the device-based rule kinds: <c>event</c> (count in a window) and <c>offline</c>.</summary>
internal static class EventRuleReader
{
    /// <summary>Maximum events in one window: a card reader's swipes over an hour, with room to spare.</summary>
    public const int MaxCount = 10_000;

    public static EventRuleConfiguration? ReadEvent(MappingReader rule, CommonRuleKeys common)
    {
        var device = RuleDeviceReader.Read(rule.Key("device"), "door-3");
        var eventType = rule.Key("event").RequiredText("card-denied");
        var count = rule.Key("count").OptionalInteger(1, MaxCount, "5");
        var within = rule.Key("within").RequiredDuration(TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "2m");
        if (device is null || eventType is null || within is null)
        {
            return null;
        }

        return new EventRuleConfiguration
        {
            Id = common.Id,
            Point = new PointId(device, eventType),
            Severity = common.Severity,
            Actions = common.Actions,
            Count = count ?? 1,
            Within = within.Value,
        };
    }

    public static OfflineRuleConfiguration? ReadOffline(MappingReader rule, CommonRuleKeys common)
    {
        var device = RuleDeviceReader.Read(rule.Key("device"), "fire-panel");
        var duration = rule.Key("for").OptionalDuration(TimeSpan.Zero, TimeSpan.FromDays(1), "1m");
        if (device is null)
        {
            return null;
        }

        return new OfflineRuleConfiguration
        {
            Id = common.Id,
            Point = new PointId(device, DeviceEventTypes.Offline),
            Severity = common.Severity,
            Actions = common.Actions,
            For = duration ?? TimeSpan.Zero,
        };
    }
}
