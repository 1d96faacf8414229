using System.Globalization;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.Drivers.Tests.Gpio;

using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Drivers.Tests.Mqtt;

/// <summary>Hub behaviour without a broker; the cases with a broker run in the gateway tests against the embedded broker.</summary>
public sealed class ClassBoardHubTests
{
    [Fact]
    public async Task Write_IsRejected()
    {
        await using var hub = CreateHub(new TestLogger<ClassBoardHub>(), "board-201");

        var result = await hub.WriteAsync("online", PointValue.FromBoolean(true), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("read-only", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_MessageInChinese()
    {
        await using var hub = CreateHub(new TestLogger<ClassBoardHub>(), "board-201");
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var result = await hub.WriteAsync("online", PointValue.FromBoolean(true), CancellationToken.None);

            Assert.Contains("电子班牌", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task SendNotice_WhileDisconnected_ReturnsZeroAndLogs()
    {
        var logger = new TestLogger<ClassBoardHub>();
        await using var hub = CreateHub(logger, "board-201", "board-202");

        var acknowledged = await hub.SendNoticeAsync("all", "n-1", "text", emergency: false, CancellationToken.None);

        Assert.Equal(0, acknowledged);
        Assert.Equal(2, logger.Entries.Count(e => e.Level == LogLevel.Error && e.Id.Id == 2250));
    }

    [Fact]
    public void Options_AreRejectedWithEveryProblem()
    {
        var mqtt = new CampusMqttOptions { Host = "", Port = 0, ClientId = "gw" };
        ClassBoardOptions[] boards =
        [
            new() { DeviceId = "all" },
            new() { DeviceId = "b.1" },
            new() { DeviceId = "b2" },
            new() { DeviceId = "b2", HeartbeatTimeout = TimeSpan.Zero },
        ];

        var error = Assert.Throws<ArgumentException>(() =>
            new ClassBoardHub(mqtt, boards, new GatewayClock(TimeProvider.System, "boot"), new TestLogger<ClassBoardHub>()));

        Assert.Contains("host is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("port 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("'all' is invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b.1' is invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b2' is used twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("heartbeat timeout", error.Message, StringComparison.Ordinal);
    }

    private static ClassBoardHub CreateHub(TestLogger<ClassBoardHub> logger, params string[] boardIds)
    {
        // Port 9 (discard) on loopback: nothing listens there, and the hub is never started.
        var mqtt = new CampusMqttOptions { Host = "127.0.0.1", Port = 9, ClientId = "gw-test", PublishTimeout = TimeSpan.FromSeconds(1) };
        var boards = boardIds.Select(id => new ClassBoardOptions { DeviceId = id }).ToList();
        return new ClassBoardHub(mqtt, boards, new GatewayClock(TimeProvider.System, "boot"), logger);
    }
}
