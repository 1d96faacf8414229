using System.Diagnostics;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Status;
using SmartCampus.Edge.Sync.Tests.Support;
using SmartCampus.Edge.Sync.Uplink;
using SmartCampus.Edge.TestPeers;
using static SmartCampus.Edge.Sync.Tests.Uplink.UplinkTestContext;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

public sealed class UplinkCredentialsTests : IDisposable
{
    private const string PasswordTool = "/usr/bin/mosquitto_passwd";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task UsernamePassword_LogsIn()
    {
        Assert.True(File.Exists(PasswordTool), $"{PasswordTool} is missing: install mosquitto (apt-get install mosquitto).");
        var passwords = _directory.File("passwords");
        using (var tool = Process.Start(PasswordTool, ["-c", "-b", passwords, "gw-01", "pw-7Qx-secret"]))
        {
            await tool.WaitForExitAsync();
            Assert.Equal(0, tool.ExitCode);
        }

        // The district subscriber needs an account too, once anonymous clients are refused.
        using (var tool = Process.Start(PasswordTool, ["-b", passwords, "district", "district-pw"]))
        {
            await tool.WaitForExitAsync();
        }

        var broker = new MosquittoBrokerOptions();
        broker.ExtraConfigLines.Add("allow_anonymous false");
        broker.ExtraConfigLines.Add($"password_file {passwords}");

        await using var context = await StartAsync(broker, subscriber => subscriber.WithCredentials("district", "district-pw"));
        await context.StartUplinkAsync(context.Options(configure: options =>
        {
            options.Username = "gw-01";
            options.Password = "pw-7Qx-secret";
        }));

        var alarms = await context.AppendAsync(OutboxLane.Alarms, 2);
        await WaitUntilAsync(() => context.Pending == 0, "the alarms to be delivered with the configured credentials");

        // The PUBACK that empties the outbox can come before the broker's copy reaches the subscriber.
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.SequencesOn("alarms").Count >= alarms.Count, "the subscriber to receive the alarms");
        Assert.Equal(alarms, context.Subscriber.SequencesOn("alarms"));
        Assert.DoesNotContain(context.UplinkLogger.Entries, entry => entry.Message.Contains("pw-7Qx-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StatusSourceFails_StatusStillPublished()
    {
        await using var context = await StartAsync();
        var uplink = new DistrictUplink(context.Options(), context.Outbox, new FailingSource(), downlink: null, TimeProvider.System, context.UplinkLogger);
        await context.AdoptUplinkAsync(uplink);

        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.On("status").Count >= 1, "the online status");
        var alarms = await context.AppendAsync(OutboxLane.Alarms, 1);
        await WaitUntilAsync(() => context.Pending == 0, "the alarm");
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.SequencesOn("alarms").Count >= alarms.Count, "the alarm at the subscriber");

        using var status = context.Subscriber.On("status")[0].Json();
        Assert.Equal("online", status.RootElement.GetProperty("status").GetString());
        Assert.False(status.RootElement.TryGetProperty("version", out _));
        Assert.True(context.UplinkLogger.Has(4123), "the status source failure was not logged");
        Assert.Equal(alarms, context.Subscriber.SequencesOn("alarms"));
    }

    private sealed class FailingSource : IGatewayStatusSource
    {
        public GatewayStatusSnapshot GetStatus() => throw new InvalidOperationException("device registry not ready");
    }
}
