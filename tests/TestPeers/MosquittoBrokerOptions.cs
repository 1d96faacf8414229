namespace SmartCampus.Edge.TestPeers;

/// <summary>Settings for a <see cref="MosquittoBroker"/> started by a test.</summary>
public sealed class MosquittoBrokerOptions
{
    public string BinaryPath { get; set; } = "/usr/sbin/mosquitto";

    /// <summary>
    /// Keeps sessions, subscriptions, queued and retained messages in a file in the broker's temp folder. Mosquitto
    /// writes it on a graceful stop and every <see cref="AutosaveIntervalSeconds"/>; a kill loses what came after
    /// the last save.
    /// </summary>
    public bool Persistence { get; set; }

    public int AutosaveIntervalSeconds { get; set; } = 1;

    /// <summary>Per-client queue limit (Mosquitto's default of 1000 drops messages in burst tests).</summary>
    public int MaxQueuedMessages { get; set; } = 100_000;

    /// <summary>Further mosquitto.conf lines, written after the generated ones.</summary>
    public IList<string> ExtraConfigLines { get; } = [];

    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
