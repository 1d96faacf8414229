using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.Drivers.Mqtt.Gates;
using SmartCampus.Edge.Gateway.Devices;
using SmartCampus.Edge.Gateway.Downlink;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.Tests.Downlink;
using SmartCampus.Edge.Sync.Downlink;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>The gate driver against a real MQTTnet client acting as the door controller, through the embedded broker.</summary>
public sealed class AccessGateTests
{
    private const string Gate = "g-south";

    [Fact]
    public async Task Command_Acknowledged_IsAudited()
    {
        await using var rig = await Rig.StartAsync();

        var result = await rig.Driver.SendCommandAsync(GateCommand.OpenOnce, "guard-1", CancellationToken.None);

        Assert.Equal(GateCommandOutcome.Acknowledged, result.Outcome);
        var command = await rig.Controller.WaitForCommandAsync("openOnce");
        Assert.Equal(result.CommandId, command.GetProperty("id").GetString());
        var audit = await rig.WaitForAuditAsync(1);
        Assert.Equal("openOnce", audit[0].Attributes!["command"]);
        Assert.Equal("guard-1", audit[0].Attributes!["source"]);
        Assert.Equal("Acknowledged", audit[0].Attributes!["outcome"]);
        Assert.Equal(result.CommandId, audit[0].Attributes!["commandId"]);
    }

    [Fact]
    public async Task Command_Unanswered_TimesOut()
    {
        await using var rig = await Rig.StartAsync();
        rig.Controller.AckResult = null;

        var pending = rig.Driver.SendCommandAsync(GateCommand.Locked, "district", CancellationToken.None);
        await rig.Controller.WaitForCommandAsync("locked");
        Assert.False(pending.IsCompleted);

        // The timeout starts when the broker's PUBACK reaches the driver, which may be just after the gate got
        // the command, so the fake clock moves in steps until the timeout has fired.
        for (var step = 0; step < 50 && !pending.IsCompleted; step++)
        {
            rig.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        var result = await pending.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(GateCommandOutcome.TimedOut, result.Outcome);
        Assert.Contains(Gate, result.Reason, StringComparison.Ordinal);
        var audit = await rig.WaitForAuditAsync(1);
        Assert.Equal("TimedOut", audit[0].Attributes!["outcome"]);
    }

    [Fact]
    public async Task Command_ControllerFails_ReportsReason()
    {
        await using var rig = await Rig.StartAsync();
        rig.Controller.AckResult = "fail";

        var result = await rig.Driver.SendCommandAsync(GateCommand.Controlled, "guard-1", CancellationToken.None);

        Assert.Equal(GateCommandOutcome.Failed, result.Outcome);
        Assert.Contains("lock motor jammed", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DistrictCommand_ControllerFails_ReasonInOperatorLanguage()
    {
        await using var rig = await Rig.StartAsync();
        rig.Controller.AckResult = "fail";
        var handler = new DistrictCommandHandler(
            new DeviceRegistry([rig.Driver], classBoards: null),
            new OperatorLanguage(CultureInfo.GetCultureInfo("zh-CN")),
            new GatewayHostSettings(),
            new GatewayRestart(new StubLifetime(), TimeProvider.System, NullLogger<GatewayRestart>.Instance),
            NullLogger<DistrictCommandHandler>.Instance);
        using var payload = JsonDocument.Parse($$"""{"gate":"{{Gate}}","command":"controlled"}""");
        var command = new DownlinkCommand("cmd-gate-1", "gate", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5), "district-console", payload.RootElement.Clone());

        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        DownlinkResult result;
        try
        {
            result = await handler.HandleAsync(command, CancellationToken.None);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        Assert.Equal("failed", result.Status);
        Assert.Equal($"门禁 {Gate} 无法执行指令：lock motor jammed", result.Reason);
    }

    [Fact]
    public async Task Hold_RefusesOthers_AndReleaseRestoresMode()
    {
        await using var rig = await Rig.StartAsync();
        Assert.True((await rig.Driver.SendCommandAsync(GateCommand.Locked, "guard-1", CancellationToken.None)).Succeeded);

        rig.Driver.HoldOpen("fire-rule");
        await rig.Controller.WaitForCommandAsync("normallyOpen");

        // The hold's command is audited once the controller's acknowledgement is back.
        await rig.WaitForAuditAsync(2);
        var refused = await rig.Driver.SendCommandAsync(GateCommand.Locked, "guard-1", CancellationToken.None);
        var write = await rig.Driver.WriteAsync("mode", PointValue.FromText("controlled"), CancellationToken.None);

        Assert.Equal(GateCommandOutcome.Rejected, refused.Outcome);
        Assert.Contains("fire-rule", refused.Reason, StringComparison.Ordinal);
        Assert.False(write.Succeeded);
        Assert.DoesNotContain(rig.Controller.Commands, c => c.GetProperty("command").GetString() == "controlled");
        Assert.Single(rig.Controller.Commands, c => c.GetProperty("command").GetString() == "locked");

        // A second holder keeps the gate open after the first lets go.
        rig.Driver.HoldOpen("manual-evacuation");
        rig.Driver.Release("fire-rule");
        Assert.True(rig.Driver.IsHeld);
        rig.Driver.Release("manual-evacuation");
        Assert.False(rig.Driver.IsHeld);
        await rig.Controller.WaitForCommandAsync("locked", occurrence: 2);

        var audit = await rig.WaitForAuditAsync(5);
        Assert.Equal(["Acknowledged", "Acknowledged", "Rejected", "Rejected", "Acknowledged"], audit.Select(a => a.Attributes!["outcome"]));
        Assert.Equal("hold:fire-rule", audit[1].Attributes!["source"]);
        Assert.Equal("release:manual-evacuation", audit[4].Attributes!["source"]);
    }

    [Fact]
    public async Task ControllerEvents_BecomeDeviceEvents()
    {
        await using var rig = await Rig.StartAsync();

        await rig.Controller.PublishAsync("event", """{"type":"accessGranted","uid":"04aa01","door":1,"ts":1741000000000}""");
        await rig.Controller.PublishAsync("event", """{"type":"accessDenied","uid":"04AA02","reason":"noPermission"}""");
        await rig.Controller.PublishAsync("event", """{"type":"accessDenied","uid":"04AA03"}""");
        await rig.Controller.PublishAsync("event", """{"type":"climbedOver"}""");
        await rig.Controller.PublishAsync("event", """{"type":"forcedOpen","door":2}""");
        await rig.Controller.PublishAsync("event", """{"type":"heldOpen","door":2}""");
        await rig.Controller.PublishAsync("event", """{"type":"exitButton"}""");
        await rig.Controller.PublishAsync("event", """{"type":"tailgating","uid":"04AA01"}""");
        await rig.Controller.PublishAsync("status", """{"online":false}""");

        await rig.Sink.WaitForEventAsync(Gate, GateEventTypes.ControllerOffline);
        var types = rig.Sink.Events.Where(e => e.DeviceId == Gate).Select(e => e.Type).ToList();
        Assert.Equal(
            [GateEventTypes.AccessGranted, GateEventTypes.AccessDenied, GateEventTypes.ForcedOpen, GateEventTypes.HeldOpen, GateEventTypes.ExitButton, GateEventTypes.Tailgating, GateEventTypes.ControllerOffline],
            types);
        Assert.Equal(2, rig.Driver.RejectedPayloadCount);
        var granted = rig.Sink.Events[0];
        Assert.Equal("04AA01", granted.Attributes!["uid"]);
        Assert.Equal("1", granted.Attributes["door"]);
        Assert.Equal("noPermission", rig.Sink.Events[1].Attributes!["reason"]);
        var online = await rig.Sink.WaitForSamplesAsync($"{Gate}.online", 1);
        Assert.False(online[^1].Value.Boolean);
    }

    [Fact]
    public async Task ControllerBackOnline_ResendsHold()
    {
        await using var rig = await Rig.StartAsync();
        rig.Driver.HoldOpen("fire-rule");
        await rig.Controller.WaitForCommandAsync("normallyOpen");

        await rig.Controller.PublishAsync("status", """{"online":false}""");
        await rig.Sink.WaitForEventAsync(Gate, GateEventTypes.ControllerOffline);
        await rig.Controller.PublishAsync("status", """{"online":true}""");

        await rig.Controller.WaitForCommandAsync("normallyOpen", occurrence: 2);
    }

    private sealed class Rig : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _run = Task.CompletedTask;

        private Rig(EmbeddedCampusBrokerPeer broker)
        {
            Broker = broker;
            var mqtt = new CampusMqttOptions
            {
                Host = broker.Host,
                Port = broker.Port,
                Username = broker.GatewayUsername,
                Password = broker.GatewayPassword,
                ClientId = $"gw-test-{Guid.NewGuid():N}",
                PublishTimeout = TimeSpan.FromSeconds(5),
            };
            Driver = new AccessGateDriver(
                new AccessGateOptions { DeviceId = Gate, Building = "main", Location = "south gate" },
                mqtt,
                new GatewayClock(Time, "test-boot"),
                new TestLogger<AccessGateDriver>());
        }

        public EmbeddedCampusBrokerPeer Broker { get; }

        public FakeTimeProvider Time { get; } = new();

        public RecordingSink Sink { get; } = new();

        public AccessGateDriver Driver { get; }

        public GateSimulator Controller { get; private set; } = null!;

        public static async Task<Rig> StartAsync()
        {
            var broker = await EmbeddedCampusBrokerPeer.StartAsync([], [Gate]);
            var rig = new Rig(broker);
            rig._run = rig.Driver.RunAsync(rig.Sink, rig._stop.Token);
            await rig.Sink.WaitUntilAsync(() => rig.Driver.SubscriptionsActive, "the gate subscription");
            rig.Controller = await GateSimulator.ConnectAsync(broker, Gate, $"pw-{Gate}-91c2");
            return rig;
        }

        public async Task<IReadOnlyList<DeviceEvent>> WaitForAuditAsync(int count)
        {
            await Sink.WaitUntilAsync(() => Sink.Events.Count(e => e.Type == GateEventTypes.Command) >= count, $"{count} audit records");
            return [.. Sink.Events.Where(e => e.Type == GateEventTypes.Command)];
        }

        public async ValueTask DisposeAsync()
        {
            await Controller.DisposeAsync();
            await _stop.CancelAsync();
            await _run.WaitAsync(TimeSpan.FromSeconds(10));
            await Driver.DisposeAsync();
            await Broker.DisposeAsync();
            _stop.Dispose();
        }
    }
}
