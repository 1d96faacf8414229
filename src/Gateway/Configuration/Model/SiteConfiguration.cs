using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Model.Simulators;

namespace SmartCampus.Edge.Gateway.Configuration.Model;

/// <summary>
/// The whole site configuration (campus.yaml) after validation. Only a file without any problem produces one,
/// so every reference in it (rule points, output points, notice boards) names an existing device and point.
/// </summary>
public sealed record SiteConfiguration
{
    public required SchoolConfiguration School { get; init; }

    public required GatewayConfiguration Gateway { get; init; }

    public required CampusBrokerConfiguration CampusBroker { get; init; }

    public required DistrictConfiguration District { get; init; }

    public required OutboxConfiguration Outbox { get; init; }

    /// <summary>The local web console; <see cref="ConsoleConfiguration.Disabled"/> when the file has no <c>console</c> section.</summary>
    public ConsoleConfiguration Console { get; init; } = ConsoleConfiguration.Disabled;

    /// <summary>In-process stand-ins for field devices; empty on a real site.</summary>
    public required IReadOnlyList<SimulatorConfiguration> Simulators { get; init; }

    /// <summary>Devices in file order; ids are unique.</summary>
    public required IReadOnlyList<DeviceConfiguration> Devices { get; init; }

    /// <summary>Rules in file order; ids are unique.</summary>
    public required IReadOnlyList<RuleConfiguration> Rules { get; init; }

    /// <summary>The school calendar of <c>armed</c> schedules (<c>calendar</c>); null when the file has none.</summary>
    public CalendarConfiguration? Calendar { get; init; }
}
