namespace SmartCampus.Edge.Gateway.Hosting;

/// <summary>What differs between the service on a gateway box and a gateway host inside a test.</summary>
public sealed class GatewayHostSettings
{
    /// <summary>Clock of the whole gateway; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Whether the host's logger replaces Serilog's static <c>Log.Logger</c>; false in tests, which run several hosts.</summary>
    public bool ReplaceStaticLogger { get; init; } = true;

    public bool WriteLogToConsole { get; init; } = true;

    /// <summary>Short hash of the site configuration file, reported to the district; null when unknown.</summary>
    public string? ConfigurationVersion { get; init; }

    /// <summary>Path of the site configuration file; null when the host was built without one (then <c>config.update</c> is rejected).</summary>
    public string? ConfigurationPath { get; init; }

    /// <summary>A district configuration update found at start (on trial or rolled back), reported once the host runs.</summary>
    public Downlink.ConfigurationChange? ConfigurationChange { get; init; }

    /// <summary>Operator language from the command line; it wins over <c>gateway.language</c> in the file.</summary>
    public System.Globalization.CultureInfo? Language { get; init; }

    /// <summary>Changes the outbox options before the store opens; tests put a failing disk under the outbox with it.</summary>
    internal Action<Sync.Outbox.OutboxOptions>? ConfigureOutbox { get; init; }

    /// <summary>What a start without broken devices left out, for the console and the district status; null when nothing was.</summary>
    public LeftOutDevices? LeftOut { get; init; }
}
