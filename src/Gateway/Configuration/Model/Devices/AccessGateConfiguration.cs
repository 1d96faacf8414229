namespace SmartCampus.Edge.Gateway.Configuration.Model.Devices;

/// <summary>An access gate or door controller on the campus broker, under <c>campus/gates/{id}/</c>.</summary>
public sealed record AccessGateConfiguration : DeviceConfiguration
{
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(5);

    public string? Building { get; init; }

    public string? Location { get; init; }

    /// <summary>Time a command waits for the controller's acknowledgement.</summary>
    public required TimeSpan CommandTimeout { get; init; }

    /// <summary>The controller's password on the campus broker: plain text or a <c>pbkdf2-sha256$…</c> hash.</summary>
    public required string Password { get; init; }
}
