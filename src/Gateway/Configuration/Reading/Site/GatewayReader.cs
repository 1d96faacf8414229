using System.Globalization;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Site;

internal static class GatewayReader
{
    public const string Example = "{id: gw-01, dataDirectory: /var/lib/smartcampus-edge}";

    /// <summary>Languages of the operator text; the first is the example.</summary>
    public static readonly ChoiceSet<string> Languages = new(("zh-CN", "zh-CN"), ("en", "en"));

    public static GatewayConfiguration Read(MappingReader gateway)
    {
        var id = gateway.Key("id").RequiredSiteId("gw-01");
        var language = ReadLanguage(gateway.Key("language"));
        var dataDirectory = gateway.Key("dataDirectory").RequiredPath("/var/lib/smartcampus-edge");
        var startWithoutBrokenDevices = gateway.Key("startWithoutBrokenDevices").OptionalBoolean("true");
        gateway.ReportUnknownKeys();

        return new GatewayConfiguration
        {
            Id = id ?? string.Empty,
            Language = language is null ? null : CultureInfo.GetCultureInfo(language),
            DataDirectory = dataDirectory ?? string.Empty,
            StartWithoutBrokenDevices = startWithoutBrokenDevices ?? false,
        };
    }

    private static string? ReadLanguage(ValueReader language) =>
        language.TryReadChoice(Languages, required: false, out var name) ? name : null;
}
