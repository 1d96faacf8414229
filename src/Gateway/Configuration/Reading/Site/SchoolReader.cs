using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Site;

internal static class SchoolReader
{
    public const string Example = "{id: demo-school, name: 示范小学}";

    public static SchoolConfiguration Read(MappingReader school)
    {
        var id = school.Key("id").RequiredSiteId("demo-school");
        var name = school.Key("name").RequiredText("示范小学");
        school.ReportUnknownKeys();

        return new SchoolConfiguration { Id = id ?? string.Empty, Name = name ?? string.Empty };
    }
}
