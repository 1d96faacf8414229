using System.Net;
using System.Net.Sockets;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Tests.Outbox;
using SmartCampus.Edge.Sync.Tests.Support;
using SmartCampus.Edge.Sync.Uplink;
using SmartCampus.Edge.TestPeers;
using static SmartCampus.Edge.Sync.Tests.Uplink.UplinkTestContext;

namespace SmartCampus.Edge.Sync.Tests.Uplink;

/// <summary>
/// TLS against a real Mosquitto with a second listener that requires a client certificate, both signed by a CA
/// made in the test. The district subscriber stays on the plain listener.
/// </summary>
public sealed class UplinkTlsTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly TestCertificates _certificates;
    private readonly int _tlsPort = FreePort();

    public UplinkTlsTests()
    {
        _certificates = TestCertificates.Create(_directory.Path);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task PrivateCa_ClientCertificate_Delivers()
    {
        await using var context = await StartAsync(BrokerWithTls());
        await context.StartUplinkAsync(context.Options(_tlsPort, UseClientCertificate));

        var alarms = await context.AppendAsync(OutboxLane.Alarms, 3);
        await WaitUntilAsync(() => context.Pending == 0, "the alarms to be delivered over TLS");
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.SequencesOn("alarms").Count >= alarms.Count, "the alarms at the subscriber");

        Assert.Equal(alarms, context.Subscriber.SequencesOn("alarms"));
    }

    [Fact]
    public async Task AlarmConnection_SameTls_Delivers()
    {
        await using var context = await StartAsync(BrokerWithTls());
        await context.StartUplinkAsync(context.Options(_tlsPort, options =>
        {
            UseClientCertificate(options);
            options.AlarmConnection = true;
        }));

        await WaitUntilAsync(() => context.UplinkLogger.Has(4124), "the alarm connection over TLS");
        var alarms = await context.AppendAsync(OutboxLane.Alarms, 1);
        await WaitUntilAsync(() => context.Pending == 0, "the alarm to be delivered");
        await context.Subscriber.WaitUntilAsync(subscriber => subscriber.SequencesOn("alarms").Count >= 1, "the alarm at the subscriber");

        Assert.Equal(alarms, context.Subscriber.SequencesOn("alarms").Distinct());
        Assert.False(context.UplinkLogger.Has(4125), "the alarm connection failed");
    }

    [Fact]
    public async Task UnknownCa_Rejected()
    {
        using var otherDirectory = new TempDirectory();
        var other = TestCertificates.Create(otherDirectory.Path, "Some Other CA");

        await using var context = await StartAsync(BrokerWithTls());
        await context.StartUplinkAsync(context.Options(_tlsPort, options =>
        {
            options.UseTls = true;
            options.TlsCaFile = other.CaFile;
            options.TlsClientCertificateFile = _certificates.ClientCertificateFile;
            options.TlsClientKeyFile = _certificates.ClientKeyFile;
        }));

        await context.AppendAsync(OutboxLane.Alarms, 1);
        await WaitUntilAsync(() => context.UplinkLogger.Has(4117), "the certificate rejection to be logged");

        Assert.NotEqual(UplinkConnectionState.Connected, context.Uplink.State.Connection);
        Assert.Equal(1, context.Pending);
        Assert.Empty(context.Subscriber.On("alarms"));
    }

    [Fact]
    public async Task NoClientCertificate_BrokerRefuses()
    {
        await using var context = await StartAsync(BrokerWithTls());
        await context.StartUplinkAsync(context.Options(_tlsPort, options =>
        {
            options.UseTls = true;
            options.TlsCaFile = _certificates.CaFile;
        }));

        await context.AppendAsync(OutboxLane.Alarms, 1);
        await WaitUntilAsync(() => context.Uplink.State.ConnectAttempts >= 2, "a second connect attempt");

        Assert.Equal(1, context.Pending);
        Assert.Empty(context.Subscriber.On("alarms"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void KeyFileReadableByOthers_LeftToGatewayCheck()
    {
        File.SetUnixFileMode(_certificates.ClientKeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var logger = new RecordingLogger<DistrictUplink>();

        using var outbox = new OutboxTestContext();
        using var uplink = new DistrictUplink(
            new UplinkOptions
            {
                Host = "127.0.0.1",
                SchoolId = School,
                GatewayId = Gateway,
                UseTls = true,
                TlsCaFile = _certificates.CaFile,
                TlsClientCertificateFile = _certificates.ClientCertificateFile,
                TlsClientKeyFile = _certificates.ClientKeyFile,
            },
            outbox.Open(),
            TimeProvider.System,
            logger);

        // The gateway's start check (event 1104) warns about the file once; a second warning here would repeat it.
        Assert.Empty(logger.AtLeast(Microsoft.Extensions.Logging.LogLevel.Warning));
    }

    [Fact]
    public void MissingCaFile_RejectedWithPath()
    {
        var missing = _directory.File("missing-ca.pem");
        using var outbox = new OutboxTestContext();

        var store = outbox.Open();
        var options = new UplinkOptions { Host = "127.0.0.1", SchoolId = School, GatewayId = Gateway, UseTls = true, TlsCaFile = missing };

        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            using var uplink = new DistrictUplink(options, store, TimeProvider.System, new RecordingLogger<DistrictUplink>());
        });

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(UplinkOptions.TlsCaFile), error.Message, StringComparison.Ordinal);
    }

    /// <summary>TLS with the test CA and the client certificate that the broker's TLS listener requires.</summary>
    private void UseClientCertificate(UplinkOptions options)
    {
        options.UseTls = true;
        options.TlsCaFile = _certificates.CaFile;
        options.TlsClientCertificateFile = _certificates.ClientCertificateFile;
        options.TlsClientKeyFile = _certificates.ClientKeyFile;
    }

    private MosquittoBrokerOptions BrokerWithTls()
    {
        var options = new MosquittoBrokerOptions();
        options.ExtraConfigLines.Add($"listener {_tlsPort} 127.0.0.1");
        options.ExtraConfigLines.Add($"cafile {_certificates.CaFile}");
        options.ExtraConfigLines.Add($"certfile {_certificates.ServerCertificateFile}");
        options.ExtraConfigLines.Add($"keyfile {_certificates.ServerKeyFile}");
        options.ExtraConfigLines.Add("require_certificate true");
        return options;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
