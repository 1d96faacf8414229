using System.Collections.Concurrent;
using SmartCampus.Edge.Sync.Downlink;

namespace SmartCampus.Edge.Sync.Tests.ThingsBoard;

/// <summary>Plays the host's command handler: records each command and returns the result the test chose per type.</summary>
public sealed class RecordingCommandHandler : IDownlinkCommandHandler
{
    private readonly ConcurrentQueue<DownlinkCommand> _commands = new();

    public IReadOnlyList<DownlinkCommand> Commands => [.. _commands];

    /// <summary>Result per command type; types not listed get "ok".</summary>
    public Dictionary<string, DownlinkResult> Results { get; } = [];

    public Task<DownlinkResult> HandleAsync(DownlinkCommand command, CancellationToken cancellationToken)
    {
        _commands.Enqueue(command);
        if (command.Type == "throw")
        {
            throw new InvalidOperationException("handler failure for the test");
        }

        return Task.FromResult(Results.GetValueOrDefault(command.Type, DownlinkResult.Ok));
    }
}
