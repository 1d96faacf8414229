using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using System.Device.Gpio;
using MQTTnet;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Downlink;
using SmartCampus.Edge.Rules.Alarms;
using SmartCampus.Edge.Rules.Engine;
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
        var unknown = Command(rig, "cmd-3", "firmware.update", "null", GatewayRig.CommandKey);
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

    [Fact]
    public async Task InvalidConfigUpdate_RejectedWithReportOldConfigRuns()
    {
        await using var rig = await GatewayRig.StartAsync(new Dictionary<ushort, ushort> { [0] = 400 }, districtCommands: true);
        await using var district = await MqttRecorder.ConnectAsync(rig.District.Host, rig.District.Port, "district/#");
        Assert.True(await rig.AdvanceUntilAsync(() => Statuses(district) >= 1, TimeSpan.FromMinutes(1)), rig.ReadLog());
        var before = await File.ReadAllTextAsync(rig.ConfigurationPath);

        var invalid = before.Replace("above: 1500", "above: lots", StringComparison.Ordinal);
        await PublishAsync(rig, Command(rig, "cfg-1", "config.update", JsonSerializer.Serialize(new { yaml = invalid }), GatewayRig.CommandKey));
        var expired = Command(rig, "cfg-old", "status.request", "null", GatewayRig.CommandKey, expiresIn: TimeSpan.FromMinutes(-1));
        await PublishAsync(rig, expired);
        Assert.True(await rig.AdvanceUntilAsync(() => Results(district).Count >= 2, TimeSpan.FromMinutes(1)), rig.ReadLog());

        // The old configuration still runs: the host answers a status request and was not asked to restart.
        var statuses = Statuses(district);
        await PublishAsync(rig, Command(rig, "status-1", "status.request", "null", GatewayRig.CommandKey));
        Assert.True(await rig.AdvanceUntilAsync(() => Statuses(district) > statuses, TimeSpan.FromMinutes(1)), rig.ReadLog());

        var rejected = ResultOf(district, "cfg-1");
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Contains("campus.yaml:", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("above", rejected.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("expired", ResultOf(district, "cfg-old").GetProperty("status").GetString());
        Assert.Equal("ok", ResultOf(district, "status-1").GetProperty("status").GetString());
        Assert.Equal(before, await File.ReadAllTextAsync(rig.ConfigurationPath));
        Assert.False(rig.Host.Services.GetRequiredService<GatewayRestart>().Requested);
    }

    [Fact]
    public async Task ValidConfigUpdate_WrittenAndHostStops()
    {
        await using var rig = await GatewayRig.StartAsync(new Dictionary<ushort, ushort> { [0] = 400 }, districtCommands: true);
        await using var district = await MqttRecorder.ConnectAsync(rig.District.Host, rig.District.Port, "district/#");
        Assert.True(await rig.AdvanceUntilAsync(() => Statuses(district) >= 1, TimeSpan.FromMinutes(1)), rig.ReadLog());
        var before = await File.ReadAllTextAsync(rig.ConfigurationPath);
        var stopping = rig.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        var changed = before.Replace("above: 1500", "above: 1600", StringComparison.Ordinal);
        await PublishAsync(rig, Command(rig, "cfg-2", "config.update", JsonSerializer.Serialize(new { yaml = changed }), GatewayRig.CommandKey));
        Assert.True(await rig.AdvanceUntilAsync(() => stopping.IsCancellationRequested, TimeSpan.FromMinutes(1)), rig.ReadLog());
        Assert.True(await Eventually.WaitUntilAsync(() => Results(district).Count >= 1, TimeSpan.FromSeconds(10)), rig.ReadLog());

        Assert.Equal("ok", ResultOf(district, "cfg-2").GetProperty("status").GetString());
        Assert.True(rig.Host.Services.GetRequiredService<GatewayRestart>().Requested);
        Assert.Equal(changed, await File.ReadAllTextAsync(rig.ConfigurationPath));
        Assert.Equal(before, await File.ReadAllTextAsync(PendingConfiguration.PreviousPath(rig.ConfigurationPath)));
        Assert.Equal(ConfigurationChangeOutcome.OnTrial, ConfigurationTrial.PrepareStart(rig.ConfigurationPath)?.Outcome);
    }

    [Fact]
    public async Task AlarmAck_AcknowledgesThroughPipeline()
    {
        await using var rig = await GatewayRig.StartAsync(new Dictionary<ushort, ushort> { [0] = 400 }, districtCommands: true);
        await using var district = await MqttRecorder.ConnectAsync(rig.District.Host, rig.District.Port, "district/#");
        Assert.True(await rig.AdvanceUntilAsync(() => Statuses(district) >= 1, TimeSpan.FromMinutes(1)), rig.ReadLog());
        var engine = rig.Host.Services.GetRequiredService<RuleEngine>();

        // No alarm is active yet, so the first acknowledgement has nothing to act on.
        await PublishAsync(rig, Command(rig, "ack-early", "alarm.ack", """{"rule":"fire-alarm","by":"duty officer"}""", GatewayRig.CommandKey));
        Assert.True(await rig.AdvanceUntilAsync(() => Results(district).Count >= 1, TimeSpan.FromMinutes(1)), rig.ReadLog());

        // Active-low smoke contact: low means smoke.
        rig.Host.Services.GetRequiredService<DeviceSet>().SimulatedGpio["fire-panel"].SetInputLevel(17, PinValue.Low);
        Assert.True(await rig.AdvanceUntilAsync(() => engine.ActiveAlarms.Any(alarm => alarm.RuleId == "fire-alarm"), TimeSpan.FromMinutes(1)), rig.ReadLog());

        await PublishAsync(rig, Command(rig, "ack-1", "alarm.ack", """{"rule":"fire-alarm","by":"duty officer"}""", GatewayRig.CommandKey));
        Assert.True(await rig.AdvanceUntilAsync(() => Results(district).Count >= 2, TimeSpan.FromMinutes(1)), rig.ReadLog());

        Assert.NotEqual("ok", ResultOf(district, "ack-early").GetProperty("status").GetString());
        Assert.Equal("ok", ResultOf(district, "ack-1").GetProperty("status").GetString());
        var alarm = Assert.Single(engine.ActiveAlarms, alarm => alarm.RuleId == "fire-alarm");
        Assert.Equal(AlarmState.Acknowledged, alarm.State);
        Assert.Equal("duty officer", alarm.AcknowledgedBy);
        Assert.False(alarm.AcknowledgedOnSite);
    }

    [Fact]
    public async Task LogsRequest_AnsweredBoundedAndAudited()
    {
        await using var rig = await GatewayRig.StartAsync(new Dictionary<ushort, ushort> { [0] = 400 }, districtCommands: true);
        await using var district = await MqttRecorder.ConnectAsync(rig.District.Host, rig.District.Port, "district/#");
        Assert.True(await rig.AdvanceUntilAsync(() => Statuses(district) >= 1, TimeSpan.FromMinutes(1)), rig.ReadLog());

        await PublishAsync(rig, Command(rig, "logs-1", "logs.request", """{"maxLines":3}""", GatewayRig.CommandKey));
        Assert.True(await rig.AdvanceUntilAsync(() => Results(district).Count >= 1, TimeSpan.FromMinutes(1)), rig.ReadLog());
        await PublishAsync(rig, Command(rig, "logs-2", "logs.request", """{"maxLines":1000,"maxBytes":196608,"minLevel":"information"}""", GatewayRig.CommandKey));
        await PublishAsync(rig, Command(rig, "logs-3", "logs.request", """{"minLevel":"error"}""", GatewayRig.CommandKey));
        await PublishAsync(rig, Command(rig, "logs-4", "logs.request", """{"maxLines":0}""", GatewayRig.CommandKey));
        Assert.True(await rig.AdvanceUntilAsync(() => Results(district).Count >= 4, TimeSpan.FromMinutes(1)), rig.ReadLog());

        var first = ResultOf(district, "logs-1");
        Assert.Equal("ok", first.GetProperty("status").GetString());
        Assert.Equal(3, first.GetProperty("data").GetProperty("lines").GetArrayLength());
        Assert.True(first.GetProperty("data").GetProperty("truncated").GetBoolean());

        // The second answer holds the audit line of the first request, and the uplink's own connect line.
        var lines = ResultOf(district, "logs-2").GetProperty("data").GetProperty("lines").EnumerateArray().ToList();
        Assert.Contains(lines, line => line.GetProperty("message").GetString()!.Contains("District command logs-1 of type logs.request", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.TryGetProperty("eventId", out var id) && id.GetInt32() == 4101);
        Assert.All(ResultOf(district, "logs-3").GetProperty("data").GetProperty("lines").EnumerateArray(), line =>
            Assert.Contains(line.GetProperty("level").GetString(), new[] { "error", "critical" }));
        Assert.Equal("rejected", ResultOf(district, "logs-4").GetProperty("status").GetString());

        // The board's password is in the site configuration the gateway logged its start from, never in a log line.
        var answers = string.Join('\n', district.Messages.Where(message => message.Topic == ResultTopic).Select(message => Encoding.UTF8.GetString(message.Payload)));
        Assert.DoesNotContain(GatewayRig.BoardPassword, answers, StringComparison.Ordinal);
    }

    private static int Statuses(MqttRecorder district) => district.Messages.Count(message => message.Topic.EndsWith("/status", StringComparison.Ordinal));

    private static JsonElement ResultOf(MqttRecorder district, string id) =>
        district.Messages.Where(message => message.Topic == ResultTopic).Select(message =>
        {
            using var json = JsonDocument.Parse(message.Payload);
            return json.RootElement.Clone();
        }).Single(result => result.GetProperty("id").GetString() == id);

    private static List<(string Id, string Status)> Results(MqttRecorder district) =>
        [.. district.Messages.Where(message => message.Topic == ResultTopic).Select(message =>
        {
            using var json = JsonDocument.Parse(message.Payload);
            return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("status").GetString()!);
        })];

    private static byte[] Command(GatewayRig rig, string id, string type, string payload, byte[] key, TimeSpan? expiresIn = null)
    {
        var issuedAt = rig.Clock.GetUtcNow().AddHours(-1).ToString("O");
        var expiresAt = rig.Clock.GetUtcNow().Add(expiresIn ?? TimeSpan.FromHours(1)).ToString("O");
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
