namespace SmartCampus.Edge.Gateway.CommandLine;

/// <summary>Process exit codes; the systemd unit restarts the service on <see cref="ServiceFaulted"/> only.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A background service failed and the host stopped.</summary>
    public const int ServiceFaulted = 1;

    /// <summary>The site configuration is invalid, or a command-line value is.</summary>
    public const int InvalidConfiguration = 2;

    /// <summary>Another gateway process holds the data folder.</summary>
    public const int InstanceLocked = 3;

    /// <summary>A district command (configuration update) asked for a restart; systemd's Restart=on-failure starts the service again.</summary>
    public const int RestartRequested = 4;

    /// <summary>A <c>modbus</c> command reached no device, or the device rejected or garbled the request.</summary>
    public const int DeviceRequestFailed = 5;

    /// <summary>A technician command could not reach what it needs: a broker, a GPIO line, the outbox file.</summary>
    public const int Unavailable = 6;

    /// <summary>
    /// The technician cancelled a command (Ctrl+C) and it cleaned up before exiting; 128 + SIGINT, as shells report
    /// a process ended by Ctrl+C.
    /// </summary>
    public const int Cancelled = 130;
}
