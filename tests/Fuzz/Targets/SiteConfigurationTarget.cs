using System.Globalization;
using System.Text;
using SmartCampus.Edge.Gateway.Configuration;

namespace SmartCampus.Edge.Fuzz.Targets;

/// <summary>
/// A campus.yaml as a technician might mistype it: the text goes through the whole site configuration loader,
/// devices and rules included. The loader reports every problem as a result and must never throw.
/// </summary>
public sealed class SiteConfigurationTarget : IFuzzTarget
{
    private static readonly Lazy<string> BaseDirectory = new(() => Directory.CreateTempSubdirectory("smartcampus-fuzz-config-").FullName);

    public string Name => "site-configuration";

    public void Run(ReadOnlySpan<byte> data)
    {
        var text = Encoding.UTF8.GetString(data);
        SiteConfigurationLoader.LoadFromText(text, "campus.yaml", BaseDirectory.Value, CultureInfo.InvariantCulture);
    }
}
