using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Sync.Downlink;
using SmartCampus.Edge.Sync.Tests.Support;
using SmartCampus.Edge.Sync.ThingsBoard;

namespace SmartCampus.Edge.Sync.Tests.ThingsBoard;

public sealed class ThingsBoardRpcTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly RecordingCommandHandler _handler = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingLogger<ThingsBoardRpc> _logger = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Parse_DeviceRequest()
    {
        var request = ThingsBoardRpcRequest.Parse(ThingsBoardTopics.Rpc, Bytes("""{"device":"school-042/gate-east","data":{"id":3,"method":"gate","params":{"command":"locked"}}}"""));

        Assert.NotNull(request);
        Assert.Equal("school-042/gate-east", request.DeviceName);
        Assert.Equal("3", request.Id);
        Assert.Equal(3, request.NumericId);
        Assert.Equal("gate", request.Method);
        Assert.Equal("locked", request.Params.GetProperty("command").GetString());
    }

    [Fact]
    public void Parse_GatewayRequestTakesIdFromTopic()
    {
        var request = ThingsBoardRpcRequest.Parse("v1/devices/me/rpc/request/12", Bytes("""{"method":"status.request","params":{}}"""));

        Assert.NotNull(request);
        Assert.Null(request.DeviceName);
        Assert.Equal("12", request.Id);
        Assert.Equal("status.request", request.Method);
    }

    [Fact]
    public void Parse_OwnReplyIgnored()
    {
        Assert.Null(ThingsBoardRpcRequest.Parse(ThingsBoardTopics.Rpc, Bytes("""{"device":"school-042/gate-east","id":3,"data":{"success":true}}""")));
    }

    [Theory]
    [InlineData("""{"data":{"id":1,"method":"gate"}}""")]
    [InlineData("""{"device":"school-042/gate-east","data":{"method":"gate"}}""")]
    [InlineData("""[1,2]""")]
    public void Parse_InvalidRequestThrows(string json)
    {
        Assert.Throws<FormatException>(() => ThingsBoardRpcRequest.Parse(ThingsBoardTopics.Rpc, Bytes(json)));
    }

    [Fact]
    public async Task Execute_RpcTurnedOffRejectsWithoutRunning()
    {
        using var rpc = Rpc(enabled: false);

        var (reply, _) = await rpc.ExecuteAsync(Request("gate", """{"command":"openOnce"}"""), CancellationToken.None);

        Assert.Empty(_handler.Commands);
        Assert.Contains("district.rpc", Data(reply).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_DuplicateWithinWindowNotRunAgain()
    {
        using var rpc = Rpc();

        await rpc.ExecuteAsync(Request("gate", """{"command":"openOnce"}"""), CancellationToken.None);
        var (second, _) = await rpc.ExecuteAsync(Request("gate", """{"command":"openOnce"}"""), CancellationToken.None);

        Assert.Single(_handler.Commands);
        Assert.Equal("duplicate", Data(second).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Execute_SameIdAfterWindowRunsAgain()
    {
        using var rpc = Rpc();

        await rpc.ExecuteAsync(Request("gate", """{"command":"openOnce"}"""), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(11));
        var (second, _) = await rpc.ExecuteAsync(Request("gate", """{"command":"openOnce"}"""), CancellationToken.None);

        Assert.Equal(2, _handler.Commands.Count);
        Assert.Equal("ok", Data(second).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Execute_HandlerFailureAnsweredAsFailed()
    {
        using var rpc = Rpc();
        _handler.Results["alarm.ack"] = DownlinkResult.Failed("the rule engine is stopping");

        var (reply, _) = await rpc.ExecuteAsync(Request("alarm.ack", """{"rule":"fire-alarm","by":"duty officer"}"""), CancellationToken.None);

        var command = Assert.Single(_handler.Commands);
        Assert.Equal("fire-alarm", command.Payload.GetProperty("rule").GetString());
        Assert.Equal("thingsboard", command.Origin);
        Assert.Equal("failed", Data(reply).GetProperty("status").GetString());
        Assert.Equal("the rule engine is stopping", Data(reply).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("gate", """{}""")]
    [InlineData("notice", """{"emergency":true}""")]
    [InlineData("alarm.ack", """{"by":"duty officer"}""")]
    public async Task Execute_InvalidParamsRejected(string method, string parameters)
    {
        using var rpc = Rpc();

        var (reply, _) = await rpc.ExecuteAsync(new ThingsBoardRpcRequest(null, "4", null, method, JsonDocument.Parse(parameters).RootElement.Clone()), CancellationToken.None);

        Assert.Empty(_handler.Commands);
        Assert.Equal("rejected", JsonDocument.Parse(reply.Payload).RootElement.GetProperty("status").GetString());
        Assert.Equal("v1/devices/me/rpc/response/4", reply.Topic);
    }

    [Fact]
    public async Task Execute_OtherSchoolDeviceRejected()
    {
        using var rpc = Rpc();

        var (reply, _) = await rpc.ExecuteAsync(new ThingsBoardRpcRequest("school-007/gate-east", "1", 1, "gate", JsonDocument.Parse("\"openOnce\"").RootElement.Clone()), CancellationToken.None);

        Assert.Empty(_handler.Commands);
        Assert.Contains("school-007/gate-east", Data(reply).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_StatusRequestAsksForStatus()
    {
        using var rpc = Rpc();

        var (reply, publishStatus) = await rpc.ExecuteAsync(new ThingsBoardRpcRequest(null, "2", null, "status.request", default), CancellationToken.None);

        Assert.True(publishStatus);
        Assert.Empty(_handler.Commands);
        Assert.True(JsonDocument.Parse(reply.Payload).RootElement.GetProperty("success").GetBoolean());
    }

    private ThingsBoardRpc Rpc(bool enabled = true) =>
        new("school-042", new ThingsBoardOptions { RpcEnabled = enabled, RpcLedgerPath = _directory.File("rpc.db") }, _handler, _time, _logger);

    private static ThingsBoardRpcRequest Request(string method, string parameters) =>
        new("school-042/gate-east", "7", 7, method, JsonDocument.Parse(parameters).RootElement.Clone());

    private static JsonElement Data(ThingsBoardMessage reply) => JsonDocument.Parse(reply.Payload).RootElement.GetProperty("data").Clone();

    private static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);
}
