using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Gateway.Downlink;

/// <summary>
/// A restart asked for by a district command. The host stops after <see cref="Delay"/> (time for the command result
/// to reach the district) and <c>smartcampus-edge run</c> exits with code 4; systemd's <c>Restart=on-failure</c>
/// starts the service again, since 4 is not in <c>RestartPreventExitStatus</c>.
/// </summary>
public sealed partial class GatewayRestart(IHostApplicationLifetime lifetime, TimeProvider timeProvider, ILogger<GatewayRestart> logger)
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    private int _requested;

    public bool Requested => Volatile.Read(ref _requested) != 0;

    /// <summary>Stops the host after <see cref="Delay"/>; a second request while one is pending changes nothing.</summary>
    public void Request(string reason)
    {
        if (Interlocked.Exchange(ref _requested, 1) != 0)
        {
            return;
        }

        LogRestartRequested(logger, reason, (long)Delay.TotalMilliseconds);
        _ = StopLaterAsync();
    }

    private async Task StopLaterAsync()
    {
        await Task.Delay(Delay, timeProvider);
        lifetime.StopApplication();
    }

    [LoggerMessage(EventId = 1271, Level = LogLevel.Warning, Message = "Gateway restart requested: {Reason}; the host stops in {DelayMilliseconds} ms and systemd starts it again")]
    private static partial void LogRestartRequested(ILogger logger, string reason, long delayMilliseconds);
}
