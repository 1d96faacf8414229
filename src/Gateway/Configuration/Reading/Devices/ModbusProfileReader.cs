using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;
using SmartCampus.Edge.Gateway.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Devices;

/// <summary>
/// Reads a device profile: a YAML file with the point map of one device model, so that a site names the model
/// (<c>profile: th-485-sensor</c>) instead of repeating its registers. A profile is looked up as NAME.yaml first in
/// the folder <c>profiles</c> next to the site file, then in <c>profiles</c> next to the gateway program, where the
/// profiles of the repository's hardware/profiles folder are installed.
/// </summary>
internal static class ModbusProfileReader
{
    public const string FolderName = "profiles";

    /// <summary>
    /// Returns the points and request limits of the profile named by <paramref name="profileValue"/>, or null when the
    /// key is absent. A missing or unreadable profile, and every problem inside it, is reported at the <c>profile</c>
    /// key with the profile file's own line and column; the profile then counts as empty.
    /// </summary>
    public static ModbusProfile? Read(ValueReader profileValue, DeviceEntry entry)
    {
        if (!profileValue.IsPresent)
        {
            return null;
        }

        var name = profileValue.RequiredId("th-485-sensor");
        if (name is null)
        {
            return ModbusProfile.Empty;
        }

        var context = profileValue.Context;
        var candidates = new[]
        {
            context.ResolvePath(Path.Combine(FolderName, name + ".yaml")),
            Path.Combine(AppContext.BaseDirectory, FolderName, name + ".yaml"),
        };
        var file = candidates.FirstOrDefault(File.Exists);
        if (file is null)
        {
            var available = candidates
                .Select(Path.GetDirectoryName)
                .Where(Directory.Exists)
                .SelectMany(folder => Directory.EnumerateFiles(folder!, "*.yaml"))
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            var message = new ProblemMessage(MessageKeys.ProfileNotFound, name, candidates, NameList.Limit(available));
            profileValue.Report(ConfigurationProblemKind.FileNotFound, name, message);
            return ModbusProfile.Empty;
        }

        return ReadFile(profileValue, name, file, entry);
    }

    /// <summary>
    /// Returns the device's points: the profile's in profile order with each one that <paramref name="explicitPoints"/>
    /// names by id replaced, then the explicit points the profile lacks.
    /// </summary>
    public static List<ModbusPointConfiguration> Merge(IReadOnlyList<ModbusPointConfiguration>? profilePoints, List<ModbusPointConfiguration> explicitPoints)
    {
        if (profilePoints is null)
        {
            return explicitPoints;
        }

        var overrides = explicitPoints.Where(point => point.Id.Length > 0).ToDictionary(point => point.Id, StringComparer.Ordinal);
        var merged = profilePoints.Select(point => overrides.Remove(point.Id, out var replacement) ? replacement : point).ToList();
        merged.AddRange(explicitPoints.Where(point => point.Id.Length == 0 || overrides.ContainsKey(point.Id)));
        return merged;
    }

    private static ModbusProfile ReadFile(ValueReader profileValue, string name, string file, DeviceEntry entry)
    {
        var inner = new ProblemCollector();
        List<ModbusPointConfiguration> points = [];
        var limits = ModbusRequestLimits.None;
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            profileValue.Report(ConfigurationProblemKind.FileUnreadable, name, new ProblemMessage(MessageKeys.ProfileUnreadable, file, exception.Message));
            return ModbusProfile.Empty;
        }

        var root = YamlTextParser.Parse(text, inner);
        var profileContext = new ReadContext(inner, Path.GetDirectoryName(file)!);
        if (root is not null)
        {
            var profile = new MappingReader(root, string.Empty, profileContext);
            profile.Key("description").OptionalText("RS485 temperature and humidity sensor");
            var pointIds = new UniqueIds();
            var items = profile.Key("points").MappingList(ModbusPointReader.ItemExample, required: true, allowEmpty: false) ?? [];
            points = [.. items.Select(point => ModbusPointReader.Read(point, entry, pointIds))];
            limits = ModbusRequestLimitsReader.ReadKeys(profile);
            profile.ReportUnknownKeys();
        }

        // Problems and warnings of the profile are located at the profile key, each with its place in the profile file.
        var context = profileValue.Context;
        var at = profileValue.Node?.Start ?? profileValue.Owner.Start;
        context.Problems.AddFrom(inner, at, profileValue.Path, name, file);
        context.Positions.AddFrom(profileContext.Positions, at, profileValue.Path, name, file);
        return new ModbusProfile(points, limits);
    }
}
