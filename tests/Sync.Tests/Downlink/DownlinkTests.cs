using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCampus.Edge.Sync.Downlink;
using SmartCampus.Edge.Sync.Tests.Support;
using SmartCampus.Edge.Sync.Tests.Uplink;
using SmartCampus.Edge.Sync.Uplink;
using SmartCampus.Edge.TestPeers;
using static SmartCampus.Edge.Sync.Tests.Uplink.UplinkTestContext;

namespace SmartCampus.Edge.Sync.Tests.Downlink;

public sealed class DownlinkTests : IDisposable
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("district-key-for-gw-01-0123456789");

    private readonly TempDirectory _directory = new();
    private readonly RecordingHandler _handler = new();
    private readonly RecordingLogger<DownlinkProcessor> _logger = new();

    public DownlinkTests()
    {
        File.WriteAllText(_directory.File("downlink.key"), Convert.ToBase64String(Key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_directory.File("downlink.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task DuplicateCommand_ExecutedOnce()
    {
        await using var context = await StartAsync();
        using var downlink = Processor(TimeProvider.System);
        await StartUplinkAsync(context, downlink);

        var command = Command("cmd-1", DateTimeOffset.UtcNow.AddMinutes(5));
        await PublishCommandAsync(context.Broker, command);
        await PublishCommandAsync(context.Broker, command);

        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("cmd-result").Count >= 2, "two command results");
        var statuses = Statuses(context.Subscriber);

        Assert.Equal(1, _handler.Count("cmd-1"));
        Assert.Equal(["ok", "duplicate"], statuses);
    }

    [Fact]
    public async Task ExpiredCommand_Rejected()
    {
        await using var context = await StartAsync();
        using var downlink = Processor(TimeProvider.System);
        await StartUplinkAsync(context, downlink);

        await PublishCommandAsync(context.Broker, Command("cmd-old", DateTimeOffset.UtcNow.AddMinutes(-1)));
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("cmd-result").Count >= 1, "the command result");

        Assert.Equal(["expired"], Statuses(context.Subscriber));
        Assert.Equal(0, _handler.Count("cmd-old"));
    }

    [Fact]
    public async Task StatusRequest_PublishesStatusAtOnce()
    {
        await using var context = await StartAsync();
        using var downlink = Processor(TimeProvider.System);
        await StartUplinkAsync(context, downlink);
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("status").Count >= 1, "the status after the connect");

        // The heartbeat is an hour away, so a second status can only come from the request.
        await PublishCommandAsync(context.Broker, Command("cmd-status", DateTimeOffset.UtcNow.AddMinutes(5), type: DownlinkProcessor.StatusRequestType));
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("status").Count >= 2, "a status after the request");

        Assert.Equal(["ok"], Statuses(context.Subscriber));
        Assert.Equal(0, _handler.Count("cmd-status"));
        using var status = context.Subscriber.On("status")[^1].Json();
        Assert.Equal("online", status.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task WrongSignature_RejectedAndAudited()
    {
        await using var context = await StartAsync();
        using var downlink = Processor(TimeProvider.System);
        await StartUplinkAsync(context, downlink);

        var forged = Command("cmd-forged", DateTimeOffset.UtcNow.AddMinutes(5), key: Encoding.ASCII.GetBytes("some-other-key-0123456789abcdef"));
        await PublishCommandAsync(context.Broker, forged);
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("cmd-result").Count >= 1, "the command result");

        Assert.Equal(["unauthorised"], Statuses(context.Subscriber));
        Assert.Equal(0, _handler.Count("cmd-forged"));
        Assert.True(_logger.Has(4119), "the rejected command was not audited");
    }

    [Fact]
    public async Task BrokerRestart_SubscribesAgain()
    {
        await using var context = await StartAsync();
        using var downlink = Processor(TimeProvider.System);
        await StartUplinkAsync(context, downlink);

        // Without persistence the restarted broker has lost the gateway's session and its subscription.
        await context.Broker.StopAsync();
        await context.Broker.StartAgainAsync();
        await WaitUntilAsync(() => context.Uplink.State.ConnectAttempts >= 2 && context.Uplink.State.Connection == UplinkConnectionState.Connected, "a reconnect");
        await Task.Delay(200);

        await PublishCommandAsync(context.Broker, Command("cmd-after-restart", DateTimeOffset.UtcNow.AddMinutes(5)));
        await WaitUntilAsync(() => _handler.Count("cmd-after-restart") == 1, "the command after the restart");
    }

    [Fact]
    public async Task Ledger_DuplicateAfterRestart()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var command = Command("cmd-7", time.GetUtcNow().AddMinutes(5));

        using (var first = Processor(time))
        {
            var reply = await first.ProcessAsync(School, Gateway, command, CancellationToken.None);
            Assert.Equal("ok", reply.Result.Status);
        }

        using var second = Processor(time);
        var again = await second.ProcessAsync(School, Gateway, command, CancellationToken.None);

        Assert.Equal("duplicate", again.Result.Status);
        Assert.Equal(1, _handler.Count("cmd-7"));
    }

    [Fact]
    public async Task OtherGatewaySignature_Rejected()
    {
        using var downlink = Processor(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var command = Command("cmd-8", DateTimeOffset.UtcNow.AddMinutes(5));

        var reply = await downlink.ProcessAsync(School, "gw-02", command, CancellationToken.None);

        Assert.Equal("unauthorised", reply.Result.Status);
    }

    private DownlinkProcessor Processor(TimeProvider time) => new(
        new DownlinkOptions { LedgerPath = _directory.File("commands.db"), KeyFile = _directory.File("downlink.key") },
        _handler,
        time,
        _logger);

    private static async Task StartUplinkAsync(UplinkTestContext context, DownlinkProcessor downlink)
    {
        var uplink = new DistrictUplink(
            context.Options(configure: options => options.StatusInterval = TimeSpan.FromHours(1)), context.Outbox, statusSource: null, downlink, TimeProvider.System, context.UplinkLogger);
        await context.AdoptUplinkAsync(uplink);
        await WaitUntilAsync(() => uplink.State.Connection == UplinkConnectionState.Connected, "the uplink to connect");
        await Task.Delay(100);
    }

    /// <summary>Builds a command signed as the district would sign it.</summary>
    private static byte[] Command(string id, DateTimeOffset expiresAt, byte[]? key = null, string type = "notice")
    {
        var issuedAt = expiresAt.AddMinutes(-10).ToString("O");
        var expires = expiresAt.ToString("O");
        const string payload = """{"text":"Fire drill at 10:00","boards":["hall"]}""";
        var signature = DownlinkSignature.Compute(key ?? Key, School, Gateway, id, type, issuedAt, expires, payload);

        return Encoding.UTF8.GetBytes($$"""
            {"id":"{{id}}","type":"{{type}}","issuedAt":"{{issuedAt}}","expiresAt":"{{expires}}","origin":"district-console","payload":{{payload}},"signature":"{{signature}}"}
            """);
    }

    private static async Task PublishCommandAsync(MosquittoBroker broker, byte[] command)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("district-console").Build());
        var message = new MqttApplicationMessageBuilder()
            .WithTopic($"district/{School}/{Gateway}/cmd/notice")
            .WithPayload(command)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await client.PublishAsync(message);
        await client.DisconnectAsync();
    }

    private static List<string> Statuses(DistrictSubscriber subscriber) =>
        subscriber.On("cmd-result").Select(message =>
        {
            using var document = message.Json();
            return document.RootElement.GetProperty("status").GetString()!;
        }).ToList();

    private sealed class RecordingHandler : IDownlinkCommandHandler
    {
        private readonly ConcurrentDictionary<string, int> _calls = new();

        public int Count(string id) => _calls.GetValueOrDefault(id);

        public Task<DownlinkResult> HandleAsync(DownlinkCommand command, CancellationToken cancellationToken)
        {
            _calls.AddOrUpdate(command.Id, 1, (_, count) => count + 1);
            Assert.Equal(JsonValueKind.Object, command.Payload.ValueKind);
            return Task.FromResult(DownlinkResult.Ok);
        }
    }
}
