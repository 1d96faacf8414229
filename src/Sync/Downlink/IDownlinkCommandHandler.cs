namespace SmartCampus.Edge.Sync.Downlink;

/// <summary>
/// Implemented by the host: carries out one authenticated, unexpired command that was not seen before (notice,
/// gate command, configuration update, alarm acknowledgement, status request, restart). Life-safety interlocks of
/// the rule engine still win, so the handler may reject a command. A thrown exception is reported as "failed".
/// </summary>
public interface IDownlinkCommandHandler
{
    Task<DownlinkResult> HandleAsync(DownlinkCommand command, CancellationToken cancellationToken);
}
