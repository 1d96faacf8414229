using System.Globalization;

namespace SmartCampus.Edge.Gateway.Hosting;

/// <summary>
/// The culture of operator-facing text produced while running (notices on class boards, alarm texts in the log):
/// <c>gateway.language</c> from the site configuration, else the system's UI culture at start.
/// </summary>
public sealed class OperatorLanguage(CultureInfo culture)
{
    public CultureInfo Culture { get; } = culture;
}
