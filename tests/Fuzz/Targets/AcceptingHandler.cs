using SmartCampus.Edge.Sync.Downlink;

namespace SmartCampus.Edge.Fuzz.Targets;

/// <summary>A command handler that accepts every command, so the fuzzer reaches the steps after the handler.</summary>
internal sealed class AcceptingHandler : IDownlinkCommandHandler
{
    public Task<DownlinkResult> HandleAsync(DownlinkCommand command, CancellationToken cancellationToken) => Task.FromResult(DownlinkResult.Ok);
}
