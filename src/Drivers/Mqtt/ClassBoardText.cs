using System.Globalization;
using System.Resources;

namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>Operator-facing class-board messages from ClassBoardText.resx, in the current UI culture.</summary>
internal static class ClassBoardText
{
    private static readonly ResourceManager Resources = new(typeof(ClassBoardText));

    public static string PointsReadOnly(string deviceId, string point) => Format(nameof(PointsReadOnly), deviceId, point);

    public static string UnknownBoard(string boardId) => Format(nameof(UnknownBoard), boardId);

    private static string Format(string key, params object[] arguments)
    {
        var template = Resources.GetString(key, CultureInfo.CurrentUICulture)
                       ?? throw new MissingManifestResourceException($"ClassBoardText.{key} is missing.");
        return string.Format(CultureInfo.CurrentCulture, template, arguments);
    }
}
