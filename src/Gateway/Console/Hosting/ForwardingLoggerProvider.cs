using Microsoft.Extensions.Logging;

namespace SmartCampus.Edge.Gateway.WebConsole.Hosting;

/// <summary>Sends the console's logs (its own and ASP.NET Core's) to the gateway's logger factory, so they land in the same journal and file.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory gatewayLoggers) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => gatewayLoggers.CreateLogger(categoryName);

    public void Dispose()
    {
        // The gateway's host owns the factory.
    }
}
