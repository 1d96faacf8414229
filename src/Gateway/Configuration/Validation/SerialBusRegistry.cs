using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Validation;

/// <summary>
/// Serial buses by port: every device on one port must use the same line settings, and each unit id may appear
/// once per bus, because two slaves with one address would both reply to the same request.
/// </summary>
internal sealed class SerialBusRegistry
{
    private readonly Dictionary<string, Bus> buses = new(StringComparer.Ordinal);

    /// <summary>Records a device on <paramref name="port"/> and reports a settings mismatch or a repeated unit id.</summary>
    public void Add(string port, string settings, int unitId, string deviceId, ValueReader settingsAt, ValueReader unitIdAt)
    {
        if (!buses.TryGetValue(port, out var bus))
        {
            bus = new Bus(settings, deviceId);
            buses.Add(port, bus);
        }
        else if (bus.Settings != settings)
        {
            var message = new ProblemMessage(MessageKeys.SerialSettingsMismatch, port, settings, bus.FirstDeviceId, bus.Settings);
            settingsAt.Report(ConfigurationProblemKind.InvalidCombination, settings, message);
        }

        if (unitIdAt.IsPresent && !bus.UnitIds.TryAdd(unitId, deviceId))
        {
            var message = new ProblemMessage(MessageKeys.DuplicateUnitId, unitId, port, bus.UnitIds[unitId]);
            unitIdAt.Report(ConfigurationProblemKind.DuplicateId, unitIdAt.RawText, message);
        }
    }

    private sealed class Bus(string settings, string firstDeviceId)
    {
        public string Settings { get; } = settings;

        public string FirstDeviceId { get; } = firstDeviceId;

        public Dictionary<int, string> UnitIds { get; } = [];
    }
}
