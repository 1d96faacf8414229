namespace SmartCampus.Edge.Gateway.Configuration.Loading;

/// <summary>Top-level section names of campus.yaml.</summary>
internal static class SiteSections
{
    public const string School = "school";
    public const string Gateway = "gateway";
    public const string CampusBroker = "campusBroker";
    public const string District = "district";
    public const string Outbox = "outbox";
    public const string Console = "console";
    public const string Simulators = "simulators";
    public const string Devices = "devices";
    public const string Rules = "rules";
    public const string Calendar = "calendar";

    /// <summary>Sections without a default, in file order.</summary>
    public static readonly IReadOnlyList<string> Required = [School, Gateway, CampusBroker, District, Devices];
}
