using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Model.Simulators;
using SmartCampus.Edge.Gateway.Configuration.Reading.Devices;
using SmartCampus.Edge.Gateway.Configuration.Reading.Rules;
using SmartCampus.Edge.Gateway.Configuration.Reading.Simulators;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Site;

/// <summary>
/// Reads every section of the file. The result is only meaningful when no problem was reported, because values that
/// were missing or invalid are replaced by placeholders. It is null when a required section is missing altogether.
/// </summary>
internal static class SiteReader
{
    public static SiteConfiguration? Read(MappingReader root)
    {
        var school = ReadSection(root, SiteSections.School, SchoolReader.Example, required: true, SchoolReader.Read);
        var gateway = ReadSection(root, SiteSections.Gateway, GatewayReader.Example, required: true, GatewayReader.Read);
        var campusBroker = ReadSection(root, SiteSections.CampusBroker, CampusBrokerReader.Example, required: true, CampusBrokerReader.Read);
        var defaultClientId = $"{school?.Id}-{gateway?.Id}";
        var district = ReadSection(root, SiteSections.District, DistrictReader.Example, required: true, section => DistrictReader.Read(section, defaultClientId));
        var outbox = ReadSection(root, SiteSections.Outbox, OutboxReader.Example, required: false, OutboxReader.Read);
        var console = ReadSection(root, SiteSections.Console, ConsoleReader.Example, required: false, ConsoleReader.Read);

        // Devices first: simulators and rules refer to their points.
        var devices = ReadList<DeviceConfiguration>(root, SiteSections.Devices, DeviceReader.ItemExample, required: true, DeviceReader.Read);
        var simulators = ReadList<SimulatorConfiguration>(root, SiteSections.Simulators, SimulatorReader.ItemExample, required: false, SimulatorReader.Read);
        var calendar = ReadSection(root, SiteSections.Calendar, CalendarReader.Example, required: false, CalendarReader.Read);
        var ruleScope = new RuleReadScope(hasCalendar: calendar is not null);
        var rules = ReadList<RuleConfiguration>(root, SiteSections.Rules, RuleReader.ItemExample, required: false, rule => RuleReader.Read(rule, ruleScope));
        root.ReportUnknownKeys();

        if (school is null || gateway is null || campusBroker is null || district is null)
        {
            return null;
        }

        return new SiteConfiguration
        {
            School = school,
            Gateway = gateway,
            CampusBroker = campusBroker,
            District = district,
            Outbox = outbox ?? OutboxReader.Defaults,
            Console = console ?? ConsoleConfiguration.Disabled,
            Simulators = simulators,
            Devices = devices,
            Rules = rules,
            Calendar = calendar,
        };
    }

    private static T? ReadSection<T>(MappingReader root, string key, string example, bool required, Func<MappingReader, T> read)
        where T : class
    {
        var value = root.Key(key);
        var section = required ? value.RequiredMapping(example) : value.OptionalMapping(example);
        return section is null ? null : read(section);
    }

    private static List<T> ReadList<T>(MappingReader root, string key, string itemExample, bool required, Func<MappingReader, T?> read)
        where T : class
    {
        var items = root.Key(key).MappingList(itemExample, required, allowEmpty: true) ?? [];
        return items.Select(read).OfType<T>().ToList();
    }
}
