using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Site;

internal static class CampusBrokerReader
{
    public const string Example = "{mode: embedded, host: 0.0.0.0, port: 1883, username: gateway, password: ...}";

    private static readonly ChoiceSet<CampusBrokerMode> Modes = new(
        ("embedded", CampusBrokerMode.Embedded),
        ("external", CampusBrokerMode.External));

    public static CampusBrokerConfiguration Read(MappingReader broker)
    {
        var mode = broker.Key("mode").RequiredChoice(Modes);
        var host = broker.Key("host").RequiredHost("0.0.0.0");
        var port = broker.Key("port").RequiredInteger(1, 65535, "1883");
        var username = broker.Key("username").RequiredText("gateway");
        var password = broker.Key("password").RequiredSecret("change-me-1234");
        broker.ReportUnknownKeys();

        return new CampusBrokerConfiguration
        {
            Mode = mode ?? CampusBrokerMode.Embedded,
            Host = host ?? string.Empty,
            Port = port ?? 0,
            Username = username ?? string.Empty,
            Password = password ?? string.Empty,
        };
    }
}
