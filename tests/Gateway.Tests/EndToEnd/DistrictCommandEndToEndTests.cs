using System.Text;
using System.Text.Json;
using MQTTnet;
using SmartCampus.Edge.Sync.Downlink;

namespace SmartCampus.Edge.Gateway.Tests.EndToEnd;

/// <summary>Signed commands from the district through Mosquitto reach the class boards, and each gets one result.</summary>
public sealed class DistrictCommandEndToEndTests
{
    private const string ResultTopic = "district/test-school/gw-test/cmd-result";

    [Fact]
    public async Task SignedNotice_ReachesBoardAndIsAnswered()
    {
        await using var rig = await GatewayRig.StartAsync(new Dictionary<ushort, ushort> { [0] = 400 }, districtCommands: true);
        await using var district = await MqttRecorder.ConnectAsync(rig.District.Host, rig.District.Port, "district/#");
        await using var board = await MqttRecorder.ConnectAsync(
            "127.0.0.1", rig.CampusPort, $"campus/boards/{GatewayRig.BoardId}/notice", GatewayRig.BoardId, GatewayRig.BoardPassword, GatewayRig.BoardId);
        Assert.True(await rig.AdvanceUntilAsync(() => district.Messages.Any(message => message.Topic.EndsWith("/status", StringComparison.Ordinal)), TimeSpan.FromMinutes(1)), rig.ReadLog());

        var notice = Command(rig, "cmd-1", "notice", """{"target":"all","text":{"zh-CN":"明天上午十点消防演练。","en":"Fire drill tomorrow at 10:00."},"emergency":false}""", GatewayRig.CommandKey);
        var forged = Command(rig, "cmd-2", "notice", """{"target":"all","text":"forged"}""", new byte[32]);
        var unknown = Command(rig, "cmd-3", "restart", "null", GatewayRig.CommandKey);
        foreach (var command in new[] { notice, notice, forged, unknown })
        {
            await PublishAsync(rig, command);
        }

        var answered = await rig.AdvanceUntilAsync(() => Results(district).Count >= 4, TimeSpan.FromMinutes(1));
        Assert.True(answered, "Not every command was answered. Gateway log:\n" + rig.ReadLog());
        Assert.True(await Eventually.WaitUntilAsync(() => board.Texts($"campus/boards/{GatewayRig.BoardId}/notice").Count > 0, TimeSpan.FromSeconds(10)), rig.ReadLog());

        var results = Results(district);
        Assert.Equal(["ok", "duplicate"], results.Where(result => result.Id == "cmd-1").Select(result => result.Status));
        Assert.Equal("rejected", results.Single(result => result.Id == "cmd-3").Status);
        Assert.NotEqual("ok", results.Single(result => result.Id == "cmd-2").Status);
        var delivered = Assert.Single(board.Texts($"campus/boards/{GatewayRig.BoardId}/notice"));
        Assert.Contains("Fire drill tomorrow at 10:00.", delivered, StringComparison.Ordinal);
    }

    private static List<(string Id, string Status)> Results(MqttRecorder district) =>
        [.. district.Messages.Where(message => message.Topic == ResultTopic).Select(message =>
        {
            using var json = JsonDocument.Parse(message.Payload);
            return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("status").GetString()!);
        })];

    private static byte[] Command(GatewayRig rig, string id, string type, string payload, byte[] key)
    {
        var issuedAt = rig.Clock.GetUtcNow().ToString("O");
        var expiresAt = rig.Clock.GetUtcNow().AddHours(1).ToString("O");
        var signature = DownlinkSignature.Compute(key, "test-school", "gw-test", id, type, issuedAt, expiresAt, payload);
        return Encoding.UTF8.GetBytes($$"""
            {"id":"{{id}}","type":"{{type}}","issuedAt":"{{issuedAt}}","expiresAt":"{{expiresAt}}","origin":"district-console","payload":{{payload}},"signature":"{{signature}}"}
            """);
    }

    private static async Task PublishAsync(GatewayRig rig, byte[] command)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(rig.District.Host, rig.District.Port).WithClientId($"district-console-{Guid.NewGuid():N}").Build());
        await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic("district/test-school/gw-test/cmd/notice")
            .WithPayload(command)
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        await client.DisconnectAsync();
    }
}
