using System.Text.Json;
using SmartCampus.Edge.Sync.Downlink;
using SmartCampus.Edge.Sync.ThingsBoard;
using static SmartCampus.Edge.Sync.Tests.ThingsBoard.ThingsBoardTestContext;

namespace SmartCampus.Edge.Sync.Tests.ThingsBoard;

/// <summary>Shared attributes from a test client playing ThingsBoard on a real Mosquitto.</summary>
public sealed class ThingsBoardAttributeTests
{
    private const string Board = "school-042/board-201";
    private const string Gate = "school-042/gate-east";

    [Fact]
    public async Task SharedAttributes_RequestedAndAppliedOnce()
    {
        await using var context = await StartAsync();
        var handler = new RecordingCommandHandler();
        handler.Results["gate"] = DownlinkResult.Rejected("a life-safety rule holds the gate open");
        await context.StartUplinkAsync(context.Options(), ThingsBoardOptions(context, rpc: true), handler);
        await context.Subscriber.WaitUntilAsync(_ => context.On(ThingsBoardTopics.AttributeRequest).Count >= 2, "the attribute requests");

        var requests = context.On(ThingsBoardTopics.AttributeRequest);
        var boardRequest = requests.Single(request => request.GetProperty("device").GetString() == Board);
        Assert.False(boardRequest.GetProperty("client").GetBoolean());
        Assert.Equal(["notice"], boardRequest.GetProperty("keys").EnumerateArray().Select(key => key.GetString()));
        var gateRequest = requests.Single(request => request.GetProperty("device").GetString() == Gate);
        Assert.Equal(["gateMode"], gateRequest.GetProperty("keys").EnumerateArray().Select(key => key.GetString()));
        Assert.DoesNotContain(requests, request => request.GetProperty("device").GetString() == "school-042/bldgA-2F-201");

        const string notice = """{"device":"school-042/board-201","data":{"notice":{"zh-CN":"明天停课。","en":"No classes tomorrow."},"brightness":80}}""";
        await context.PublishAsServerAsync(ThingsBoardTopics.Attributes, notice);
        await context.Subscriber.WaitUntilAsync(_ => Results(context, Board, "noticeResult").Count >= 1, "the notice result");
        await context.PublishAsServerAsync(ThingsBoardTopics.Attributes, notice);

        // ThingsBoard may return the one key of a request as "value". The rejected gate mode is applied again.
        await context.PublishAsServerAsync(ThingsBoardTopics.Attributes, """{"device":"school-042/gate-east","data":{"gateMode":"locked"}}""");
        await context.Subscriber.WaitUntilAsync(_ => Results(context, Gate, "gateModeResult").Count >= 1, "the gate mode result");
        var response = $$"""{"id":{{gateRequest.GetProperty("id").GetInt32()}},"device":"school-042/gate-east","value":"locked"}""";
        await context.PublishAsServerAsync(ThingsBoardTopics.AttributeResponse, response);
        await context.Subscriber.WaitUntilAsync(_ => Results(context, Gate, "gateModeResult").Count >= 2, "the result of the response");
        await context.PublishAsServerAsync(ThingsBoardTopics.Attributes, """{"device":"school-042/gate-east","data":{"gateMode":"openOnce"}}""");
        await context.Subscriber.WaitUntilAsync(_ => Results(context, Gate, "gateModeResult").Count >= 3, "the result of openOnce");

        var notices = handler.Commands.Where(command => command.Type == "notice").ToList();
        var noticeCommand = Assert.Single(notices);
        Assert.Equal("board-201", noticeCommand.Payload.GetProperty("target").GetString());
        Assert.Equal("No classes tomorrow.", noticeCommand.Payload.GetProperty("text").GetProperty("en").GetString());
        Assert.False(noticeCommand.Payload.GetProperty("emergency").GetBoolean());
        Assert.Equal("thingsboard", noticeCommand.Origin);
        Assert.Equal("ok", Results(context, Board, "noticeResult")[0].GetProperty("status").GetString());

        var gates = handler.Commands.Where(command => command.Type == "gate").ToList();
        Assert.Equal(2, gates.Count);
        Assert.All(gates, gate => Assert.Equal("gate-east", gate.Payload.GetProperty("gate").GetString()));
        Assert.All(gates, gate => Assert.Equal("locked", gate.Payload.GetProperty("command").GetString()));

        var gateResults = Results(context, Gate, "gateModeResult");
        Assert.Equal("rejected", gateResults[0].GetProperty("status").GetString());
        Assert.Contains("life-safety", gateResults[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("rejected", gateResults[2].GetProperty("status").GetString());
        Assert.Contains("value invalid", gateResults[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SharedAttributes_IgnoredWhenRpcOff()
    {
        await using var context = await StartAsync();
        var handler = new RecordingCommandHandler();
        await context.StartUplinkAsync(context.Options(), ThingsBoardOptions(context, rpc: false), handler);
        await context.Subscriber.WaitUntilAsync(_ => context.On(ThingsBoardTopics.GatewayTelemetry).Count > 0, "the first heartbeat");

        await context.PublishAsServerAsync(ThingsBoardTopics.Attributes, """{"device":"school-042/gate-east","data":{"gateMode":"locked"}}""");

        // One queue runs RPCs and attribute updates in order, so the RPC reply shows the update was processed.
        await context.PublishAsServerAsync(ThingsBoardTopics.Rpc, """{"device":"school-042/gate-east","data":{"id":3,"method":"gate","params":{"command":"locked"}}}""");
        await context.Subscriber.WaitUntilAsync(subscriber => context.On(ThingsBoardTopics.Rpc).Any(message => message.TryGetProperty("id", out _)), "the RPC reply");

        Assert.Empty(handler.Commands);
        Assert.Empty(context.On(ThingsBoardTopics.AttributeRequest));
        Assert.Empty(Results(context, Gate, "gateModeResult"));
    }

    private static ThingsBoardOptions ThingsBoardOptions(ThingsBoardTestContext context, bool rpc) =>
        context.ThingsBoardOptions(options =>
        {
            options.RpcEnabled = rpc;
            options.DeviceTypes = new Dictionary<string, string>
            {
                ["bldgA-2F-201"] = "modbus-tcp",
                ["gate-east"] = "access-gate",
                ["board-201"] = "class-board",
            };
        });

    /// <summary>The client attribute <paramref name="key"/> of one device in every message on v1/gateway/attributes, in order.</summary>
    private static List<JsonElement> Results(ThingsBoardTestContext context, string device, string key) =>
        [.. context.On(ThingsBoardTopics.Attributes)
            .Where(message => message.TryGetProperty(device, out var values) && values.ValueKind == JsonValueKind.Object && values.TryGetProperty(key, out _))
            .Select(message => message.GetProperty(device).GetProperty(key))];
}
