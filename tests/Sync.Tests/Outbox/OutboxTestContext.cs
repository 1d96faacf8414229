using System.Text;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Tests.Support;

namespace SmartCampus.Edge.Sync.Tests.Outbox;

/// <summary>A temp folder with one outbox path, and the stores opened on it; all closed and deleted on dispose.</summary>
public sealed class OutboxTestContext : IDisposable
{
    private readonly List<OutboxStore> _stores = [];

    public TempDirectory Directory { get; } = new();

    public string DatabasePath => Directory.File("outbox.db");

    public RecordingLogger<OutboxStore> Logger { get; } = new();

    public static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Json(int index) => Json($$"""{"point":"bldgA-2F-201.co2","value":{{index}}}""");

    public OutboxOptions Options(Action<OutboxOptions>? configure = null)
    {
        // No commit window by default: the tests that measure the window set it and drive the clock themselves.
        var options = new OutboxOptions { DatabasePath = DatabasePath, TelemetryCommitWindow = TimeSpan.Zero };
        configure?.Invoke(options);
        return options;
    }

    public OutboxStore Open(Action<OutboxOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var store = new OutboxStore(Options(configure), timeProvider ?? new FakeTimeProvider(), Logger);
        _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        Directory.Dispose();
    }
}
