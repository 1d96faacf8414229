using System.Globalization;

namespace SmartCampus.Edge.TestPeers;

/// <summary>Sets the UI culture of the test and restores it on dispose.</summary>
public sealed class UiCulture : IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public UiCulture(string name) => CultureInfo.CurrentUICulture = new CultureInfo(name);

    public void Dispose() => CultureInfo.CurrentUICulture = _previous;
}
