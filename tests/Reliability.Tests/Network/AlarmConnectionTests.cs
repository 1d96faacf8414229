using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Reliability.Tests.Support;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Reliability.Tests.Network;

/// <summary>
/// The district uplink with its alarm connection, through a proxy that stalls one of the two connections by client id.
/// An alarm gets through while the main connection is stalled. An alarm that goes on both connections reaches the
/// district twice as the same record and leaves the outbox after the first PUBACK.
/// </summary>
public sealed class AlarmConnectionTests : IAsyncLifetime
{
    private const string School = "school-7";
    private const string Gateway = "gw-alarms";
    private const string MainClientId = $"edge-{School}-{Gateway}";
    private const string AlarmClientId = $"{MainClientId}-alarms";

    // Far beyond the waits below, so a stalled main connection stays up for the whole test.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-alarm-connection-").FullName;
    private MosquittoBroker? _broker;
    private MqttHoldingProxy? _proxy;
    private DistrictRecorder? _recorder;
    private OutboxStore? _outbox;
    private DistrictUplink? _uplink;

    private MqttHoldingProxy Proxy => _proxy!;

    private DistrictRecorder Recorder => _recorder!;

    private OutboxStore Outbox => _outbox!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _proxy = new MqttHoldingProxy(_broker.Port);
        _recorder = await DistrictRecorder.ConnectAsync(_broker.Host, _broker.Port);
        _outbox = new OutboxStore(new OutboxOptions { DatabasePath = Path.Combine(_directory, "outbox.db") }, TimeProvider.System, NullLogger<OutboxStore>.Instance);

        var options = new UplinkOptions
        {
            Host = _broker.Host,
            Port = Proxy.Port,
            SchoolId = School,
            GatewayId = Gateway,
            PublishTimeout = PublishTimeout,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        };
        _uplink = new DistrictUplink(options, Outbox, TimeProvider.System, NullLogger<DistrictUplink>.Instance);
        await _uplink.StartAsync(CancellationToken.None);

        Assert.True(
            await Eventually.WaitUntilAsync(() => Proxy.ClientIds.Contains(MainClientId) && Proxy.ClientIds.Contains(AlarmClientId), Wait),
            $"The uplink did not open both connections; client ids seen: {string.Join(", ", Proxy.ClientIds)}.");
        Assert.True(
            await Eventually.WaitUntilAsync(() => Recorder.Statuses.Any(status => status.Gateway == Gateway && status.Status == "online"), Wait),
            "The main connection did not publish its online status.");
    }

    public async Task DisposeAsync()
    {
        try
        {
            // Released first: a held connection would make the stop wait for the offline status's PUBACK.
            _proxy?.Release();
            if (_uplink is not null)
            {
                await _uplink.StopAsync(CancellationToken.None);
                _uplink.Dispose();
            }

            _outbox?.Dispose();
            if (_recorder is not null)
            {
                await _recorder.DisposeAsync();
            }

            if (_proxy is not null)
            {
                await _proxy.DisposeAsync();
            }
        }
        finally
        {
            // The broker is a process of its own, so it must stop even when a step above fails.
            if (_broker is not null)
            {
                await _broker.DisposeAsync();
            }

            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Alarm_PassesStalledMainConnection()
    {
        Proxy.HoldToBroker(MainClientId);
        var sequence = await AppendAlarmAsync(1);

        // Nothing from the main connection reaches the broker now, so the alarm can only come by the alarm connection.
        Assert.True(
            await Eventually.WaitUntilAsync(() => Recorder.Sequences(Gateway, "alarms").Contains(sequence), Wait),
            $"Alarm {sequence} did not reach the district while the main connection was stalled.");
        Assert.True(
            await Eventually.WaitUntilAsync(() => Outbox.Count(OutboxLane.Alarms) == 0, Wait),
            "The alarm stayed in the outbox after the alarm connection's PUBACK.");
        Assert.Equal(1, Proxy.ClientIds.Count(id => id == MainClientId));
    }

    [Fact]
    public async Task RecordsSent_CountsAlarmConnectionPuback()
    {
        // The main connection's copy never reaches the broker, so only the alarm connection's PUBACK can delete it.
        Proxy.HoldToBroker(MainClientId);
        await AppendAlarmAsync(6);

        Assert.True(
            await Eventually.WaitUntilAsync(() => Outbox.Count(OutboxLane.Alarms) == 0, Wait),
            "The alarm stayed in the outbox after the alarm connection's PUBACK.");
        Assert.Equal(1, _uplink!.State.RecordsSent);
    }

    [Fact]
    public async Task Duplicate_IsSameRecord()
    {
        // The alarm connection's PUBLISH reaches the broker, but its PUBACK does not come back.
        Proxy.HoldToClient(AlarmClientId);
        var sequence = await AppendAlarmAsync(2);

        Assert.True(
            await Eventually.WaitUntilAsync(() => Copies(sequence).Count >= 2, Wait),
            $"Alarm {sequence} reached the district {Copies(sequence).Count} times; expected once on each connection.");
        var copies = Copies(sequence);
        Assert.Equal(2, copies.Count);
        Assert.Equal(copies[0].Type, copies[1].Type);
        Assert.Equal(copies[0].CreatedAt, copies[1].CreatedAt);

        // The main connection's PUBACK alone deletes it.
        Assert.True(
            await Eventually.WaitUntilAsync(() => Outbox.Count(OutboxLane.Alarms) == 0, Wait),
            "The alarm stayed in the outbox after the main connection's PUBACK.");

        // The late PUBACK on the alarm connection finds the record gone, and the next alarm still goes out.
        Proxy.Release();
        var next = await AppendAlarmAsync(3);
        Assert.True(
            await Eventually.WaitUntilAsync(() => Copies(next).Count >= 1 && Outbox.Count(OutboxLane.Alarms) == 0, Wait),
            $"Alarm {next} after the release did not reach the district and leave the outbox.");
    }

    [Fact]
    public async Task Alarms_DoNotWaitForPuback()
    {
        // The alarm connection's PUBACKs never come back, and the main connection sends nothing, so each alarm below
        // can only reach the district as the alarm connection's PUBLISH, published while the one before still waits.
        Proxy.HoldToClient(AlarmClientId);
        Proxy.HoldToBroker(MainClientId);

        var sequences = new List<long>();
        for (var value = 1; value <= 3; value++)
        {
            var sequence = await AppendAlarmAsync(value);
            sequences.Add(sequence);
            Assert.True(
                await Eventually.WaitUntilAsync(() => Copies(sequence).Count >= 1, Wait),
                $"Alarm {sequence} did not reach the district while the PUBACK of alarm {sequences[0]} was held back; arrived: {string.Join(',', Recorder.Sequences(Gateway, "alarms"))}.");
        }

        Assert.Equal(sequences, Recorder.Sequences(Gateway, "alarms"));
        Assert.Equal(3, Outbox.Count(OutboxLane.Alarms));

        // Once released, each alarm leaves the outbox, whichever PUBACK comes first, and arrives at most twice.
        Proxy.Release();
        Assert.True(
            await Eventually.WaitUntilAsync(() => Outbox.Count(OutboxLane.Alarms) == 0, Wait),
            $"{Outbox.Count(OutboxLane.Alarms)} alarms stayed in the outbox after the release.");
        foreach (var sequence in sequences)
        {
            Assert.InRange(Copies(sequence).Count, 1, 2);
        }
    }

    [Fact]
    public async Task Alarm_PassesStalledAlarmConnection()
    {
        // Nothing from the alarm connection reaches the broker, so the alarm can only come by the main connection.
        Proxy.HoldToBroker(AlarmClientId);
        var sequence = await AppendAlarmAsync(4);

        Assert.True(
            await Eventually.WaitUntilAsync(() => Copies(sequence).Count >= 1, Wait),
            $"Alarm {sequence} did not reach the district while the alarm connection was stalled.");
        Assert.True(
            await Eventually.WaitUntilAsync(() => Outbox.Count(OutboxLane.Alarms) == 0, Wait),
            "The alarm stayed in the outbox after the main connection's PUBACK.");

        // The held copy arrives late as the same record; its PUBACK then finds nothing to delete.
        Proxy.Release();
        Assert.True(
            await Eventually.WaitUntilAsync(() => Copies(sequence).Count == 2, Wait),
            $"The alarm connection's held copy of alarm {sequence} did not arrive after the release.");
        var next = await AppendAlarmAsync(5);
        Assert.True(
            await Eventually.WaitUntilAsync(() => Copies(next).Count >= 1 && Outbox.PeekAfter(OutboxLane.Alarms, 0, 10).Count == 0, Wait),
            $"Alarm {next} after the release did not reach the district and leave the outbox.");

        // The count kept in memory goes down only for records a delete removed, so the late PUBACK must not take it below 0.
        Assert.True(
            await Eventually.WaitUntilAsync(() => Outbox.Count(OutboxLane.Alarms) == 0, Wait),
            $"The outbox counts {Outbox.Count(OutboxLane.Alarms)} alarms, but none is left in it.");
    }

    private async Task<long> AppendAlarmAsync(int value) =>
        await Outbox.AppendAsync(OutboxLane.Alarms, "sample", Encoding.UTF8.GetBytes($$"""{"point":"room-2-air.co2","value":{{value}}}"""), CancellationToken.None);

    private List<DistrictArrival> Copies(long sequence) =>
        Recorder.Arrivals.Where(arrival => arrival.Gateway == Gateway && arrival.Lane == "alarms" && arrival.Sequence == sequence).ToList();
}
