using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SmartCampus.Edge.Gateway.WebConsole.Metrics;

/// <summary><c>/metrics</c> in the Prometheus text format 0.0.4, on the console's address.</summary>
internal static class MetricsEndpoint
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static void Map(IEndpointRouteBuilder routes, bool withoutLogin)
    {
        var endpoint = routes.MapGet("/metrics", (PrometheusExporter exporter) => Results.Text(exporter.Scrape(), ContentType));
        if (withoutLogin)
        {
            endpoint.AllowAnonymous();
        }
    }
}
