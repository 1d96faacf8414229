using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using SmartCampus.Edge.Sync.Downlink;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Tests.Outbox;
using SmartCampus.Edge.Sync.Tests.Support;
using SmartCampus.Edge.Sync.ThingsBoard;
using SmartCampus.Edge.Sync.Uplink;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Sync.Tests.ThingsBoard;

/// <summary>
/// A real Mosquitto playing ThingsBoard's MQTT endpoint, an outbox in a temp folder, a subscriber on "v1/#" in the
/// role of the ThingsBoard server, and the uplink under test with an access token file.
/// </summary>
public sealed class ThingsBoardTestContext : IAsyncDisposable
{
    public const string School = "school-042";
    public const string Gateway = "gw-01";
    public const string Token = "tb-token-3f9a71c2";

    private readonly OutboxTestContext _outboxContext = new();
    private readonly TempDirectory _files = new();
    private ThingsBoardUplink? _uplink;
    private IMqttClient? _server;

    private ThingsBoardTestContext(MosquittoBroker broker, TimeProvider clock)
    {
        Broker = broker;
        Clock = clock;
    }

    /// <summary>The clock of the outbox and the uplink: the system clock unless the test gave a fake one.</summary>
    public TimeProvider Clock { get; }

    public MosquittoBroker Broker { get; }

    public OutboxStore Outbox { get; private set; } = null!;

    public DistrictSubscriber Subscriber { get; private set; } = null!;

    public RecordingLogger<ThingsBoardUplink> Logger { get; } = new();

    public ThingsBoardUplink Uplink => _uplink ?? throw new InvalidOperationException("The uplink has not been started.");

    public long Pending => Outbox.Count(OutboxLane.Alarms) + Outbox.Count(OutboxLane.Events) + Outbox.Count(OutboxLane.Telemetry);

    public static async Task<ThingsBoardTestContext> StartAsync(MosquittoBrokerOptions? brokerOptions = null, TimeProvider? clock = null, Action<OutboxOptions>? outbox = null)
    {
        var broker = await MosquittoBroker.StartAsync(brokerOptions);
        var context = new ThingsBoardTestContext(broker, clock ?? TimeProvider.System);
        context.Outbox = context._outboxContext.Open(outbox, context.Clock);
        context.Subscriber = await DistrictSubscriber.StartAsync(broker.Host, broker.Port, "v1/#");
        return context;
    }

    public UplinkOptions Options(int? port = null, Action<UplinkOptions>? configure = null)
    {
        var options = new UplinkOptions
        {
            Host = Broker.Host,
            Port = port ?? Broker.Port,
            SchoolId = School,
            GatewayId = Gateway,
            PublishTimeout = TimeSpan.FromSeconds(2),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
            BatchSize = 25,
        };
        configure?.Invoke(options);
        return options;
    }

    public ThingsBoardOptions ThingsBoardOptions(Action<ThingsBoardOptions>? configure = null)
    {
        var tokenFile = _files.File("thingsboard.token");
        File.WriteAllText(tokenFile, Token + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var options = new ThingsBoardOptions
        {
            AccessTokenFile = tokenFile,
            DeviceTypes = new Dictionary<string, string> { ["bldgA-2F-201"] = "modbus-tcp", ["gate-east"] = "access-gate" },
            RpcLedgerPath = _files.File("thingsboard-rpc.db"),
        };
        configure?.Invoke(options);
        return options;
    }

    public async Task<ThingsBoardUplink> StartUplinkAsync(UplinkOptions options, ThingsBoardOptions thingsBoard, IDownlinkCommandHandler? handler = null)
    {
        _uplink = new ThingsBoardUplink(options, thingsBoard, Outbox, statusSource: null, handler, Clock, Logger);
        await _uplink.StartAsync(CancellationToken.None);
        return _uplink;
    }

    public Task<long> AppendAsync(OutboxLane lane, string type, string json) =>
        Outbox.AppendAsync(lane, type, Encoding.UTF8.GetBytes(json), CancellationToken.None).AsTask();

    /// <summary>Publishes at QoS 1 as the ThingsBoard server would, from its own client.</summary>
    public async Task PublishAsServerAsync(string topic, string json)
    {
        if (_server is null)
        {
            _server = new MqttClientFactory().CreateMqttClient();
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer(Broker.Host, Broker.Port)
                .WithClientId("thingsboard-server-test")
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .Build();
            await _server.ConnectAsync(options);
        }

        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(json).WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build();
        var result = await _server.PublishAsync(message);
        Assert.True(result.IsSuccess, $"the test broker rejected the publish on {topic}: {result.ReasonCode}");
    }

    /// <summary>Messages received on exactly this topic, as parsed JSON.</summary>
    public List<JsonElement> On(string topic) =>
        Subscriber.Messages.Where(message => message.Topic == topic).Select(message => JsonDocument.Parse(message.Payload).RootElement.Clone()).ToList();

    /// <summary>Every "edgeSequence" in the device telemetry received so far, in arrival order.</summary>
    public List<long> TelemetrySequences() =>
        On(ThingsBoardTopics.Telemetry)
            .SelectMany(message => message.EnumerateObject())
            .SelectMany(device => device.Value.EnumerateArray())
            .Select(entry => entry.GetProperty("values").GetProperty(ThingsBoardRecordMapper.SequenceKey).GetInt64())
            .ToList();

    public async ValueTask DisposeAsync()
    {
        if (_uplink is not null)
        {
            await _uplink.StopAsync(CancellationToken.None);
            _uplink.Dispose();
        }

        if (_server is not null)
        {
            await _server.DisconnectAsync();
            _server.Dispose();
        }

        await Subscriber.DisposeAsync();
        _outboxContext.Dispose();
        _files.Dispose();
        await Broker.DisposeAsync();
    }
}
