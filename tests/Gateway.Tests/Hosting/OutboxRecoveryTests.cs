using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.Tests.Hosting;

public sealed class OutboxRecoveryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-recovery-").FullName;

    [Fact]
    public async Task CorruptOutbox_RaisesGatewayFault()
    {
        var dataDirectory = Path.Combine(_directory, "data");
        Directory.CreateDirectory(dataDirectory);
        await File.WriteAllBytesAsync(Path.Combine(dataDirectory, GatewayHost.OutboxFileName), [.. Enumerable.Repeat((byte)0x5A, 64 * 1024)]);
        var result = SiteConfigurationLoader.LoadFromText(Campus(LoopbackPort.Free()), "campus.yaml", _directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));

        using var host = GatewayHost.Build(result.Configuration!, new GatewayHostSettings { ReplaceStaticLogger = false, WriteLogToConsole = false });
        await host.StartAsync();
        var outbox = host.Services.GetRequiredService<OutboxStore>();
        // Generous: on a busy build machine the host's start alone can take several seconds.
        var stored = await Eventually.WaitUntilAsync(() => outbox.Count(OutboxLane.Alarms) > 0, TimeSpan.FromSeconds(30));
        Assert.True(stored, "No gateway-fault record reached the alarm lane within 30 s of the start.");

        var record = Assert.Single(outbox.PeekOldest(OutboxLane.Alarms, 10));
        await host.StopAsync();

        Assert.Equal("gateway-fault", record.Type);
        using var payload = JsonDocument.Parse(record.Payload);
        Assert.Equal("outbox-replaced", payload.RootElement.GetProperty("fault").GetString());
        Assert.False(string.IsNullOrWhiteSpace(payload.RootElement.GetProperty("message").GetProperty("en").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(payload.RootElement.GetProperty("message").GetProperty("zh-CN").GetString()));
        var outboxFiles = Directory.GetFiles(dataDirectory, "outbox*").Select(Path.GetFileName).ToList();
        Assert.Contains(outboxFiles, name => name != GatewayHost.OutboxFileName && name!.Contains(".broken-", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Campus(int districtPort) => $$"""
        school:
          id: test-school
          name: 测试学校
        gateway:
          id: gw-test
          language: en
          dataDirectory: ./data
        campusBroker:
          mode: external
          host: 127.0.0.1
          port: {{districtPort}}
          username: gateway
          password: gateway-test-secret
        district:
          host: 127.0.0.1
          port: {{districtPort}}
        devices:
          - id: fire-panel
            kind: gpio
            driver: simulated
            points:
              - id: smoke
                direction: input
                pin: 17
        """;
}
