using System.Text.Json;

namespace SmartCampus.Edge.Gateway.Tests.Packaging;

/// <summary>
/// The runtime settings the gateway ships with, read from the runtimeconfig.json its build writes (the published
/// single file embeds the same file) and from the systemd unit, for the settings that only an environment variable sets.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void RuntimeConfig_HasMemorySettings()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "smartcampus-edge.runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        // Workstation GC is the default, so the SDK writes System.GC.Server only when it is turned on.
        Assert.False(properties.TryGetProperty("System.GC.Server", out var server) && server.GetBoolean());
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.Equal(9, properties.GetProperty("System.GC.ConserveMemory").GetInt32());
    }

    [Fact]
    public void Unit_SetsGen0Budget()
    {
        var unit = File.ReadAllLines(Path.Combine(Configuration.RepositoryRoot.Path, "hardware", "systemd", "smartcampus-edge.service"));

        Assert.Contains("Environment=DOTNET_GCgen0size=0x400000", unit);
        Assert.Contains("Environment=DOTNET_gcServer=0", unit);
        Assert.Contains("Environment=DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0", unit);
        Assert.Contains("Environment=DOTNET_TC_QuickJit=0", unit);
        Assert.Contains("Environment=MALLOC_ARENA_MAX=2", unit);
    }
}
