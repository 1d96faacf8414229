using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.WebConsole.Devices;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.History;

/// <summary><c>/history?point=device.point</c>: the point's recent values as an inline SVG line chart.</summary>
internal static class HistoryPage
{
    private const int Width = 640;
    private const int Height = 240;
    private const int Margin = 40;

    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/history", Render);

    private static IResult Render(HttpContext context, PointHistory history, PointTable points, SiteConfiguration site, string? point)
    {
        var page = ConsolePage.For(context);
        if (!PointId.TryParse(point, out var id))
        {
            return page.Render("HistoryTitle", string.Empty, ConsoleText.Get("HistoryPointInvalid"), isError: true, StatusCodes.Status400BadRequest);
        }

        points.TryGet(id, out var latest);
        var values = history.Read(id);
        var body = new StringBuilder();
        body.Append("<p>").Append(Html.E(id.ToString())).Append(": <strong>").Append(Html.E(PointFormat.WithUnit(PointFormat.Value(latest, BooleanTexts.From(site)), latest is null ? null : DeviceCatalog.UnitOf(site, id)))).Append("</strong> ")
            .Append(Html.E(PointFormat.Quality(latest))).Append(" · ").Append(Html.E(ConsoleText.Format("HistoryKept", values.Count, Html.Duration(history.Interval * history.Capacity)))).Append("</p>");

        if (values.Count < 2)
        {
            body.Append("<p class=\"empty\">").Append(Html.E(ConsoleText.Get("HistoryTooFew"))).Append("</p>");
        }
        else
        {
            AppendChart(body, id, values);
        }

        return page.Render("HistoryTitle", body.ToString());
    }

    private static void AppendChart(StringBuilder body, PointId id, IReadOnlyList<(DateTimeOffset Time, double Value)> values)
    {
        var minimum = values.Min(entry => entry.Value);
        var maximum = values.Max(entry => entry.Value);
        if (maximum - minimum < 1e-9)
        {
            minimum -= 1;
            maximum += 1;
        }

        var start = values[0].Time;
        var span = Math.Max(1, (values[^1].Time - start).TotalSeconds);
        var plotWidth = Width - (2 * Margin);
        var plotHeight = Height - (2 * Margin);
        var line = string.Join(' ', values.Select(entry => string.Create(
            CultureInfo.InvariantCulture,
            $"{Margin + ((entry.Time - start).TotalSeconds / span * plotWidth):0.#},{Margin + ((maximum - entry.Value) / (maximum - minimum) * plotHeight):0.#}")));

        body.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Html.E(id.ToString())}\">")
            .Append(CultureInfo.InvariantCulture, $"<rect x=\"{Margin}\" y=\"{Margin}\" width=\"{plotWidth}\" height=\"{plotHeight}\" class=\"plot\"/>")
            .Append(CultureInfo.InvariantCulture, $"<polyline points=\"{line}\" class=\"line\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{Margin + 4}\">{Html.E(Number(maximum))}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{Height - Margin + 4}\">{Html.E(Number(minimum))}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin}\" y=\"{Height - 12}\">{Html.E(Clock(values[0].Time))}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Margin}\" y=\"{Height - 12}\" text-anchor=\"end\">{Html.E(Clock(values[^1].Time))}</text>")
            .Append("</svg>");
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Clock(DateTimeOffset time) => time.ToLocalTime().ToString("HH:mm", CultureInfo.InvariantCulture);
}
