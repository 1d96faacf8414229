using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Gateway.Devices;
using SmartCampus.Edge.Gateway.Downlink;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Sync.Downlink;

namespace SmartCampus.Edge.Gateway.Tests.Downlink;

/// <summary>The handler's alarm acknowledgement, with a recording stand-in for the pipeline's request.</summary>
public sealed class DistrictCommandHandlerTests
{
    private readonly RecordingAlarms _alarms = new();

    [Fact]
    public async Task AlarmAck_PassesRuleAndUser()
    {
        var handler = Handler(_alarms);

        var result = await handler.HandleAsync(Command("alarm.ack", """{"rule":"fire-alarm","by":"duty officer"}"""), CancellationToken.None);

        Assert.Equal("ok", result.Status);
        Assert.Equal([("fire-alarm", "duty officer")], _alarms.Calls);
    }

    [Fact]
    public async Task AlarmAck_NoUser_TakesOrigin()
    {
        var handler = Handler(_alarms);

        await handler.HandleAsync(Command("alarm.ack", """{"rule":"co2-high"}"""), CancellationToken.None);

        Assert.Equal([("co2-high", "district-console")], _alarms.Calls);
    }

    [Fact]
    public async Task AlarmAck_RejectedByEngine_Rejected()
    {
        _alarms.Accept = false;
        var handler = Handler(_alarms);

        var result = await handler.HandleAsync(Command("alarm.ack", """{"rule":"fire-alarm"}"""), CancellationToken.None);

        Assert.Equal("rejected", result.Status);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Fact]
    public async Task AlarmAck_MissingRule_Rejected()
    {
        var handler = Handler(_alarms);

        var result = await handler.HandleAsync(Command("alarm.ack", """{"by":"duty officer"}"""), CancellationToken.None);

        Assert.Equal("rejected", result.Status);
        Assert.Empty(_alarms.Calls);
    }

    [Fact]
    public async Task ConfigUpdate_NoConfigurationFile_Rejected()
    {
        var handler = Handler(_alarms);

        var result = await handler.HandleAsync(Command("config.update", """{"yaml":"school: {}"}"""), CancellationToken.None);

        Assert.Equal("rejected", result.Status);
        Assert.Contains("configuration file", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_Requested()
    {
        var restart = new GatewayRestart(new StubLifetime(), TimeProvider.System, NullLogger<GatewayRestart>.Instance);
        var handler = Handler(_alarms, restart);

        var result = await handler.HandleAsync(Command("restart", "null"), CancellationToken.None);

        Assert.Equal("ok", result.Status);
        Assert.True(restart.Requested);
    }

    [Fact]
    public async Task Restart_ReasonInOperatorLanguage()
    {
        var handler = Handler(_alarms, language: "zh-CN");

        var result = await handler.HandleAsync(Command("restart", "null"), CancellationToken.None);

        Assert.Equal("ok", result.Status);
        Assert.Equal("网关将在 2 秒后重启。", result.Reason);
    }

    [Fact]
    public async Task Notice_EmergencyNotBoolean_NamesFieldAndValue()
    {
        var handler = Handler(_alarms);

        var result = await handler.HandleAsync(Command("notice", """{"target":"all","text":"Drill","emergency":"yes"}"""), CancellationToken.None);

        Assert.Equal("rejected", result.Status);
        Assert.Contains("\"emergency\"", result.Reason, StringComparison.Ordinal);
        Assert.Contains("\"yes\"", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Payload field \"maxLines\" is invalid: 0 given, a whole number from 1 to 1000 expected.")]
    [InlineData("zh-CN", "载荷字段“maxLines”无效：收到 0，应为 1 到 1000 之间的整数。")]
    public async Task LogsRequest_InvalidField_ReasonInOperatorLanguage(string language, string reason)
    {
        var handler = new DistrictCommandHandler(
            new DeviceRegistry([], classBoards: null),
            new OperatorLanguage(CultureInfo.GetCultureInfo(language)),
            new GatewayHostSettings(),
            new GatewayRestart(new StubLifetime(), TimeProvider.System, NullLogger<GatewayRestart>.Instance),
            NullLogger<DistrictCommandHandler>.Instance,
            _alarms,
            new RecentLogSink());

        var result = await handler.HandleAsync(Command("logs.request", """{"maxLines":0}"""), CancellationToken.None);

        Assert.Equal("rejected", result.Status);
        Assert.Equal(reason, result.Reason);
    }

    private static DistrictCommandHandler Handler(IDistrictAlarmCommands alarms, GatewayRestart? restart = null, string language = "en") => new(
        new DeviceRegistry([], classBoards: null),
        new OperatorLanguage(CultureInfo.GetCultureInfo(language)),
        new GatewayHostSettings(),
        restart ?? new GatewayRestart(new StubLifetime(), TimeProvider.System, NullLogger<GatewayRestart>.Instance),
        NullLogger<DistrictCommandHandler>.Instance,
        alarms);

    private static DownlinkCommand Command(string type, string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var now = DateTimeOffset.UtcNow;
        return new DownlinkCommand("cmd-1", type, now, now.AddMinutes(5), "district-console", document.RootElement.Clone());
    }

    private sealed class RecordingAlarms : IDistrictAlarmCommands
    {
        public List<(string Rule, string By)> Calls { get; } = [];

        public bool Accept { get; set; } = true;

        public Task<RuleCommandResult> AcknowledgeAsync(string ruleId, string by, CancellationToken cancellationToken)
        {
            Calls.Add((ruleId, by));
            var reason = Accept ? null : new SmartCampus.Edge.Rules.Alarms.AlarmMessage("AcknowledgeNoAlarm", [ruleId]);
            return Task.FromResult(new RuleCommandResult(Accept, reason, []));
        }
    }
}
