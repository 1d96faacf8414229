using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.WebConsole.Hosting;

namespace SmartCampus.Edge.Gateway.WebConsole.History;

/// <summary>
/// Copies the latest value of every point into <see cref="PointHistory"/> once per history interval (at most once a
/// second). It reads the point table, so the pipeline does no extra work for the charts.
/// </summary>
internal sealed class PointHistoryRecorder(PointTable points, PointHistory history, TimeProvider timeProvider, ILogger<PointHistoryRecorder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = history.Interval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : history.Interval;
        using var timer = new PeriodicTimer(period, timeProvider);
        try
        {
            do
            {
                try
                {
                    foreach (var sample in points.Snapshot())
                    {
                        history.Offer(sample);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    ConsoleLog.HistoryFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
