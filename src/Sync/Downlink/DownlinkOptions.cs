namespace SmartCampus.Edge.Sync.Downlink;

/// <summary>Settings of the <see cref="DownlinkProcessor"/>.</summary>
public sealed class DownlinkOptions
{
    /// <summary>LiteDB file of the command ledger (ids seen, results), e.g. /var/lib/smartcampus-edge/commands.db.</summary>
    public string LedgerPath { get; set; } = string.Empty;

    /// <summary>
    /// File with this gateway's HMAC-SHA256 key for command signatures (the key as base64 on one line, chmod 600).
    /// </summary>
    public string KeyFile { get; set; } = string.Empty;

    /// <summary>How long a command id is remembered after the command expires, so a late duplicate is still caught.</summary>
    public TimeSpan LedgerRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Longest time one handler call may take before it is reported as failed.</summary>
    public TimeSpan HandlerTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
