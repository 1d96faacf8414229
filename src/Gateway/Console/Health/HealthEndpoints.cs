using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.WebConsole.Health;

/// <summary>
/// <c>/health/live</c>: the process responds. <c>/health/ready</c>: the pipeline is running and the outbox is open,
/// so samples are read, rules run and records are kept. Plain text, 200 or 503.
/// </summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, bool withoutLogin)
    {
        var live = routes.MapGet("/health/live", () => Results.Text("live\n"));
        var ready = routes.MapGet("/health/ready", Ready);
        if (withoutLogin)
        {
            live.AllowAnonymous();
            ready.AllowAnonymous();
        }
    }

    private static IResult Ready(PipelineService pipeline, OutboxStore outbox)
    {
        var problems = new List<string>();
        if (pipeline.ExecuteTask is not { IsCompleted: false })
        {
            problems.Add("pipeline not running");
        }

        var outboxState = outbox.Health.State;
        if (outboxState == OutboxState.Reopening)
        {
            problems.Add("outbox reopening after a database failure");
        }
        else if (outboxState == OutboxState.Closed)
        {
            problems.Add("outbox closed");
        }

        return problems.Count == 0
            ? Results.Text("ready\n")
            : Results.Text($"not ready: {string.Join(", ", problems)}\n", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
