using System.Text.Json;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Gateway.Tests.EndToEnd;

/// <summary>
/// The whole gateway against real peers: pymodbus plays the classroom sensor, Mosquitto plays the district broker,
/// an MQTTnet client plays the class board on the embedded campus broker.
/// </summary>
public sealed class GatewayEndToEndTests
{
    /// <summary>Registers of the sensor: CO2 400 ppm, 23.5 °C as 235, and 77.5146 as float32 in CDAB order.</summary>
    private static readonly Dictionary<ushort, ushort> NormalRegisters = new()
    {
        [0] = 400,
        [1] = 235,
        [2] = 0x077A,
        [3] = 0x429B,
    };

    private static readonly TimeSpan RuleDuration = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Float32Cdab_ReachesDistrictScaled()
    {
        await using var rig = await GatewayRig.StartAsync(NormalRegisters);
        await using var district = await MqttRecorder.ConnectAsync(rig.District.Host, rig.District.Port, "district/#");

        var arrived = await rig.AdvanceUntilAsync(() => Samples(district, "room-201-air.humidity").Any(), TimeSpan.FromMinutes(1));

        Assert.True(arrived, "No humidity sample reached the district broker. Gateway log:\n" + rig.ReadLog());
        var sample = Samples(district, "room-201-air.humidity").First();
        Assert.Equal("good", sample.GetProperty("quality").GetString());

        // 77.5146 × scale 0.5 + offset 1.
        Assert.Equal(39.7573, sample.GetProperty("value").GetDouble(), 3);
        var temperature = Samples(district, "room-201-air.temperature").First();
        Assert.Equal(23.5, temperature.GetProperty("value").GetDouble(), 6);
    }

    [Fact]
    public async Task Co2AboveLimit_RaisesOneAlarm()
    {
        await using var rig = await GatewayRig.StartAsync(NormalRegisters);
        await using var district = await MqttRecorder.ConnectAsync(rig.District.Host, rig.District.Port, "district/#");
        await using var board = await MqttRecorder.ConnectAsync(
            "127.0.0.1", rig.CampusPort, $"campus/boards/{GatewayRig.BoardId}/notice", GatewayRig.BoardId, GatewayRig.BoardPassword, GatewayRig.BoardId);

        Assert.True(await rig.AdvanceUntilAsync(() => Samples(district, "room-201-air.co2").Any(), TimeSpan.FromMinutes(1)), rig.ReadLog());
        await rig.Sensor.SetHoldingRegistersAsync(0, [1650], CancellationToken.None);
        Assert.True(await rig.AdvanceUntilAsync(() => Samples(district, "room-201-air.co2").Any(s => s.GetProperty("value").GetDouble() == 1650), TimeSpan.FromMinutes(1)), rig.ReadLog());
        var overLimitSince = rig.Clock.GetUtcNow();

        var raised = await rig.AdvanceUntilAsync(() => Alarms(district, "alarm-raised").Any(), RuleDuration + TimeSpan.FromMinutes(1));
        Assert.True(raised, "No alarm reached the district broker. Gateway log:\n" + rig.ReadLog());

        var alarm = Alarms(district, "alarm-raised").Single();
        var raisedAt = alarm.GetProperty("raisedAt").GetDateTimeOffset();
        Assert.Equal("co2-high", alarm.GetProperty("rule").GetString());
        Assert.Equal(1650, alarm.GetProperty("valueAtRaise").GetDouble());

        // The first over-limit sample starts the duration. It was polled before the district saw it: one poll interval
        // plus the uplink's publish, during which the rig's fake clock keeps moving (more of it on a loaded machine).
        // So the alarm may come up to that gap sooner after the sighting, but never later than the duration allows.
        Assert.InRange(raisedAt - overLimitSince, RuleDuration - TimeSpan.FromSeconds(10), RuleDuration + TimeSpan.FromSeconds(2));

        Assert.True(await Eventually.WaitUntilAsync(() => board.Texts($"campus/boards/{GatewayRig.BoardId}/notice").Count > 0, TimeSpan.FromSeconds(10)), rig.ReadLog());
        Assert.Contains(GatewayRig.NoticeText, board.Texts($"campus/boards/{GatewayRig.BoardId}/notice").Single(), StringComparison.Ordinal);

        // The value stays high for three more minutes: still exactly one alarm and one notice.
        await rig.AdvanceAsync(TimeSpan.FromMinutes(3));
        Assert.Single(Alarms(district, "alarm-raised"));
        Assert.Single(board.Texts($"campus/boards/{GatewayRig.BoardId}/notice"));

        // The retained heartbeat carries the gateway's own facts: the active alarm and the devices that are online.
        var status = district.Messages.Last(message => message.Topic == "district/test-school/gw-test/status");
        using var statusJson = JsonDocument.Parse(status.Payload);
        Assert.Equal(1, statusJson.RootElement.GetProperty("activeAlarms").GetInt32());
        Assert.True(statusJson.RootElement.GetProperty("devices").GetProperty("online").GetInt32() >= 1, statusJson.RootElement.GetRawText());
    }

    [Fact]
    public async Task DistrictOutage_DeliversEveryRecordOnceInOrder()
    {
        await using var rig = await GatewayRig.StartAsync(NormalRegisters);
        var district = await MqttRecorder.ConnectAsync(rig.District.Host, rig.District.Port, "district/#");
        Assert.True(await rig.AdvanceUntilAsync(() => Samples(district, "room-201-air.co2").Any(), TimeSpan.FromMinutes(1)), rig.ReadLog());

        // Outage: the district broker goes away while the gateway keeps polling.
        await district.DisposeAsync();
        await rig.District.StopAsync();
        await rig.AdvanceAsync(TimeSpan.FromSeconds(30));
        var bufferedRecords = rig.Outbox.PeekOldest(OutboxLane.Telemetry, 10_000);
        var buffered = bufferedRecords.Select(record => record.Sequence).ToList();
        var bufferedSamples = bufferedRecords.Sum(record => JsonDocument.Parse(record.Payload).RootElement.GetProperty("samples").GetArrayLength());
        Assert.True(bufferedSamples >= 40, $"Expected at least 40 samples (15 polls of 3 points) buffered during the outage, found {bufferedSamples} in {buffered.Count} records.");

        // The broker returns. The subscriber is back before the fake clock lets the gateway's reconnect timer run.
        await rig.District.StartAgainAsync();
        await using var returned = await MqttRecorder.ConnectAsync(rig.District.Host, rig.District.Port, "district/#");
        var drained = await rig.AdvanceUntilAsync(
            () => buffered.All(sequence => returned.DistrictRecords("telemetry").Any(record => record.Sequence == sequence)),
            TimeSpan.FromMinutes(3));
        Assert.True(drained, "The buffered records did not all reach the district. Gateway log:\n" + rig.ReadLog());

        var delivered = returned.DistrictRecords("telemetry").Select(record => record.Sequence).ToList();
        foreach (var sequence in buffered)
        {
            Assert.Equal(1, delivered.Count(delivered => delivered == sequence));
        }

        Assert.Equal(delivered.Order().ToList(), delivered);
        // Deletes after PUBACK wait for the outbox's commit window, a timer on the rig's fake clock: move it along.
        var deleted = await rig.AdvanceUntilAsync(
            () => !buffered.Intersect(rig.Outbox.PeekOldest(OutboxLane.Telemetry, 10_000).Select(record => record.Sequence)).Any(),
            TimeSpan.FromSeconds(30));
        Assert.True(deleted, "Delivered records are still in the outbox. Gateway log:\n" + rig.ReadLog());
    }

    private static IEnumerable<JsonElement> Samples(MqttRecorder district, string point) =>
        district.DistrictRecords("telemetry")
            .Where(record => record.Type == "samples")
            .SelectMany(record => record.Payload.GetProperty("samples").EnumerateArray())
            .Where(sample => sample.GetProperty("point").GetString() == point);

    private static IEnumerable<JsonElement> Alarms(MqttRecorder district, string type) =>
        district.DistrictRecords("alarms").Where(record => record.Type == type).Select(record => record.Payload);
}
