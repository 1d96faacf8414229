using System.Diagnostics;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Tests.Outbox;
using SmartCampus.Edge.Sync.Tests.Support;
using SmartCampus.Edge.Sync.Uplink;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

/// <summary>
/// A real Mosquitto, an outbox in a temp folder, a district subscriber and the uplink under test. Delays are short
/// real-time values because the broker, the sockets and MQTTnet's keep-alive run on real time anyway.
/// </summary>
public sealed class UplinkTestContext : IAsyncDisposable
{
    public const string School = "school-042";
    public const string Gateway = "gw-01";

    private readonly OutboxTestContext _outboxContext = new();
    private DistrictUplink? _uplink;

    private UplinkTestContext(MosquittoBroker broker)
    {
        Broker = broker;
    }

    public MosquittoBroker Broker { get; }

    public OutboxStore Outbox { get; private set; } = null!;

    public DistrictSubscriber Subscriber { get; private set; } = null!;

    public RecordingLogger<DistrictUplink> UplinkLogger { get; } = new();

    public RecordingLogger<OutboxStore> OutboxLogger => _outboxContext.Logger;

    public DistrictUplink Uplink => _uplink ?? throw new InvalidOperationException("The uplink has not been started.");

    public static async Task<UplinkTestContext> StartAsync(
        MosquittoBrokerOptions? brokerOptions = null, Action<MQTTnet.MqttClientOptionsBuilder>? subscriberOptions = null, Action<OutboxOptions>? outboxOptions = null, TimeProvider? outboxClock = null)
    {
        var broker = await MosquittoBroker.StartAsync(brokerOptions);
        var context = new UplinkTestContext(broker);
        context.Outbox = context._outboxContext.Open(outboxOptions, outboxClock ?? TimeProvider.System);
        context.Subscriber = await DistrictSubscriber.StartAsync(broker.Host, broker.Port, $"district/{School}/{Gateway}/#", subscriberOptions);
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

            // Most tests here check what one connection does, and count alarm arrivals exactly. The tests of the
            // alarm connection, which sends each alarm a second time, turn it on.
            AlarmConnection = false,
        };
        configure?.Invoke(options);
        return options;
    }

    public async Task<DistrictUplink> StartUplinkAsync(UplinkOptions options, TimeProvider? timeProvider = null)
    {
        _uplink = new DistrictUplink(options, Outbox, timeProvider ?? TimeProvider.System, UplinkLogger);
        await _uplink.StartAsync(CancellationToken.None);
        return _uplink;
    }

    /// <summary>Starts an uplink built by the test (e.g. with a downlink) and stops it on dispose.</summary>
    public async Task AdoptUplinkAsync(DistrictUplink uplink)
    {
        _uplink = uplink;
        await uplink.StartAsync(CancellationToken.None);
    }

    public async Task<List<long>> AppendAsync(OutboxLane lane, int count, int firstValue = 0)
    {
        var sequences = new List<long>();
        for (var i = 0; i < count; i++)
        {
            sequences.Add(await Outbox.AppendAsync(lane, "sample", OutboxTestContext.Json(firstValue + i), CancellationToken.None));
        }

        return sequences;
    }

    public long Pending => Outbox.Count(OutboxLane.Alarms) + Outbox.Count(OutboxLane.Events) + Outbox.Count(OutboxLane.Telemetry);

    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds} s waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_uplink is not null)
        {
            await _uplink.StopAsync(CancellationToken.None);
            _uplink.Dispose();
        }

        await Subscriber.DisposeAsync();
        _outboxContext.Dispose();
        await Broker.DisposeAsync();
    }
}
