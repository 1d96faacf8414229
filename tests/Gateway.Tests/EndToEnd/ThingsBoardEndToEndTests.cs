using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmartCampus.Edge.Sync.ThingsBoard;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Gateway.Tests.EndToEnd;

/// <summary>A host built from campus.yaml with profile: thingsboard, against Mosquitto playing ThingsBoard.</summary>
public sealed class ThingsBoardEndToEndTests
{
    [Fact]
    public async Task ThingsBoardProfile_AnnouncesDevicesAndRunsNotices()
    {
        var tokenFile = Path.Combine(Path.GetTempPath(), $"tb-e2e-{Guid.NewGuid():N}.token");
        await File.WriteAllTextAsync(tokenFile, "e2e-gateway-token\n");
        try
        {
            var lines = $"  profile: thingsboard\n  accessTokenFile: {tokenFile}\n  rpc: true\n";
            await using var rig = await GatewayRig.StartAsync(new Dictionary<ushort, ushort> { [0] = 400 }, thingsBoardLines: lines);
            var link = rig.Host.Services.GetRequiredService<IUplinkStateSource>();
            Assert.IsType<ThingsBoardUplink>(link);

            // The first announcements may go out before any subscriber is there. Restarting the broker makes the
            // gateway announce every device again once it reconnects, which waits for the fake clock to move.
            Assert.True(await rig.AdvanceUntilAsync(() => link.State.Connection == UplinkConnectionState.Connected, TimeSpan.FromMinutes(1)), rig.ReadLog());
            await rig.District.StopAsync();
            Assert.True(await Eventually.WaitUntilAsync(() => link.State.Connection != UplinkConnectionState.Connected, TimeSpan.FromSeconds(10)), rig.ReadLog());
            await rig.District.StartAgainAsync();
            await using var thingsBoard = await MqttRecorder.ConnectAsync(rig.District.Host, rig.District.Port, "v1/#");
            await using var board = await MqttRecorder.ConnectAsync(
                "127.0.0.1", rig.CampusPort, $"campus/boards/{GatewayRig.BoardId}/notice", GatewayRig.BoardId, GatewayRig.BoardPassword, GatewayRig.BoardId);

            var boardName = $"test-school/{GatewayRig.BoardId}";
            // Devices are announced one message each, so wait for the last one this test looks at, not the first.
            var airName = "\"device\":\"test-school/room-201-air\",\"type\":\"modbus-tcp\"";
            var announced = await rig.AdvanceUntilAsync(
                () => Connects(thingsBoard) is var connects
                    && connects.Any(connect => connect.Contains(boardName, StringComparison.Ordinal))
                    && connects.Any(connect => connect.Contains(airName, StringComparison.Ordinal)),
                TimeSpan.FromMinutes(1));
            Assert.True(announced, "The class board and the air sensor were not both announced. Gateway log:\n" + rig.ReadLog());
            Assert.Contains(Connects(thingsBoard), connect => connect.Contains("\"type\":\"class-board\"", StringComparison.Ordinal));
            Assert.Contains(Connects(thingsBoard), connect => connect.Contains(airName, StringComparison.Ordinal));

            var request = "{\"device\":\"" + boardName + "\",\"data\":{\"id\":41,\"method\":\"notice\",\"params\":{\"text\":{\"zh-CN\":\"放学后请关窗。\",\"en\":\"Close the windows after school.\"}}}}";
            await thingsBoard.PublishAsync(ThingsBoardTopics.Rpc, request);

            var answered = await rig.AdvanceUntilAsync(() => Replies(thingsBoard).Count > 0, TimeSpan.FromMinutes(1));
            Assert.True(answered, "The RPC was not answered. Gateway log:\n" + rig.ReadLog());
            using var reply = JsonDocument.Parse(Replies(thingsBoard)[0]);
            Assert.Equal(41, reply.RootElement.GetProperty("id").GetInt32());
            Assert.True(reply.RootElement.GetProperty("data").GetProperty("success").GetBoolean(), Replies(thingsBoard)[0]);
            Assert.True(await Eventually.WaitUntilAsync(() => board.Texts($"campus/boards/{GatewayRig.BoardId}/notice").Count > 0, TimeSpan.FromSeconds(10)), rig.ReadLog());
            Assert.Contains("Close the windows", string.Join('\n', board.Texts($"campus/boards/{GatewayRig.BoardId}/notice")), StringComparison.Ordinal);

            // A shared attribute "notice" on the board reaches it through the same command handler.
            var update = "{\"device\":\"" + boardName + "\",\"data\":{\"notice\":{\"zh-CN\":\"明天停课。\",\"en\":\"No classes tomorrow.\"}}}";
            await thingsBoard.PublishAsync(ThingsBoardTopics.Attributes, update);
            var shown = await Eventually.WaitUntilAsync(
                () => string.Join('\n', board.Texts($"campus/boards/{GatewayRig.BoardId}/notice")).Contains("No classes tomorrow.", StringComparison.Ordinal),
                TimeSpan.FromSeconds(10));
            Assert.True(shown, "The shared attribute notice did not reach the board. Gateway log:\n" + rig.ReadLog());
            Assert.True(
                await Eventually.WaitUntilAsync(() => thingsBoard.Texts(ThingsBoardTopics.Attributes).Any(text => text.Contains("noticeResult", StringComparison.Ordinal)), TimeSpan.FromSeconds(10)),
                "No noticeResult client attribute. Gateway log:\n" + rig.ReadLog());
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    /// <summary>
    /// Stops the host right after a reconnect, while records of the outage are being sent: the whole host must stop
    /// within a few seconds (its shutdown timeout is 20 s). The fake clock does not move during the stop.
    /// </summary>
    [Fact]
    public async Task ThingsBoardProfile_StopsPromptlyWhileSending()
    {
        var tokenFile = Path.Combine(Path.GetTempPath(), $"tb-e2e-{Guid.NewGuid():N}.token");
        await File.WriteAllTextAsync(tokenFile, "e2e-gateway-token\n");
        try
        {
            var lines = $"  profile: thingsboard\n  accessTokenFile: {tokenFile}\n";
            var rig = await GatewayRig.StartAsync(new Dictionary<ushort, ushort> { [0] = 400 }, thingsBoardLines: lines);
            var log = string.Empty;
            var stopping = new Stopwatch();
            try
            {
                var link = rig.Host.Services.GetRequiredService<IUplinkStateSource>();
                Assert.True(await rig.AdvanceUntilAsync(() => link.State.Connection == UplinkConnectionState.Connected, TimeSpan.FromMinutes(1)), rig.ReadLog());

                await rig.District.StopAsync();
                Assert.True(await Eventually.WaitUntilAsync(() => link.State.Connection != UplinkConnectionState.Connected, TimeSpan.FromSeconds(10)), rig.ReadLog());
                await rig.AdvanceAsync(TimeSpan.FromSeconds(3));
                await rig.District.StartAgainAsync();
                Assert.True(await rig.AdvanceUntilAsync(() => link.State.Connection == UplinkConnectionState.Connected, TimeSpan.FromMinutes(1)), rig.ReadLog());
            }
            finally
            {
                // Disposing the rig stops the host, then the sensor and the broker, which take well under a second.
                stopping.Start();
                log = rig.ReadLog();
                await rig.DisposeAsync();
                stopping.Stop();
            }

            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"The host took {stopping.Elapsed.TotalSeconds:F1} s to stop. Gateway log:\n" + log);
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    private static List<string> Connects(MqttRecorder recorder) => [.. recorder.Texts(ThingsBoardTopics.Connect)];

    /// <summary>Replies on v1/gateway/rpc: the messages there with a top-level "id", unlike the request.</summary>
    private static List<string> Replies(MqttRecorder recorder) =>
        [.. recorder.Texts(ThingsBoardTopics.Rpc).Where(text => text.Contains("\"id\":41,", StringComparison.Ordinal) && !text.Contains("\"method\"", StringComparison.Ordinal))];
}
