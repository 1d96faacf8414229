using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet;
using SmartCampus.Edge.Gateway.CampusBroker;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>Device-family limits, hashed passwords, TLS and retained persistence of the real embedded broker.</summary>
public sealed class CampusBrokerSecurityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("campus-broker-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Acl_SeparatesBoardsAndGates()
    {
        await using var broker = await EmbeddedCampusBrokerPeer.StartAsync(["b201"], ["g1"]);
        await using var gateway = await MqttTestClient.ConnectAsync(broker.Host, broker.Port, broker.GatewayUsername, broker.GatewayPassword);
        await gateway.SubscribeAsync("#");
        await using var board = await MqttTestClient.ConnectAsync(broker.Host, broker.Port, "b201", broker.BoardPassword("b201"));
        await using var gate = await MqttTestClient.ConnectAsync(broker.Host, broker.Port, "g1", broker.BoardPassword("g1"));

        var boardToGate = await board.PublishAsync("campus/gates/g1/command", """{"id":"x","command":"openOnce"}""");
        var gateToBoard = await gate.PublishAsync("campus/boards/b201/notice", """{"id":"x","text":"fake"}""");
        var gateToAll = await gate.PublishAsync("campus/boards/b201/emergency", """{"id":"x","active":true}""", retain: true);
        var boardReadsGate = await board.SubscribeAsync("campus/gates/#");
        var gateReadsBoards = await gate.SubscribeAsync("campus/boards/#");
        var gateOwn = await gate.PublishAsync("campus/gates/g1/event", """{"type":"exitButton"}""");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, boardToGate.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, gateToBoard.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, gateToAll.ReasonCode);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, boardReadsGate);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, gateReadsBoards);
        Assert.True(gateOwn.IsSuccess);
        await gateway.WaitForMessageAsync("campus/gates/g1/event");
        Assert.Single(gateway.Received);
    }

    [Fact]
    public async Task OversizedPublish_RejectedAndClientClosed()
    {
        var hash = CampusPasswordHash.Create("board-secret", CampusPasswordHash.MinIterations);
        var gatewayHash = CampusPasswordHash.Create("gateway-secret", CampusPasswordHash.MinIterations);
        await using var host = await StartAsync(new CampusBrokerOptions
        {
            ListenAddress = IPAddress.Loopback,
            Port = 0,
            MaxPayloadBytes = 4096,
            Accounts = [new CampusBrokerAccount("b201", hash, "campus/boards/b201/"), new CampusBrokerAccount("gw", gatewayHash, "campus/")],
        });
        await using var gateway = await MqttTestClient.ConnectAsync("127.0.0.1", host.BoundPort, "gw", "gateway-secret");
        await gateway.SubscribeAsync("campus/#");
        await using var board = await MqttTestClient.ConnectAsync("127.0.0.1", host.BoundPort, "b201", "board-secret");

        // A publish over the limit closes the connection, so the client may see the close instead of a PUBACK.
        try
        {
            await board.PublishAsync("campus/boards/b201/status", new byte[4097]);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
        }

        Assert.True(await Eventually.WaitUntilAsync(() => !board.IsConnected, TimeSpan.FromSeconds(10)), "The board stayed connected after an oversized publish.");
        await using var again = await MqttTestClient.ConnectAsync("127.0.0.1", host.BoundPort, "b201", "board-secret");
        Assert.True((await again.PublishAsync("campus/boards/b201/status", new byte[4096])).IsSuccess);
        await gateway.WaitForMessageAsync("campus/boards/b201/status");
        Assert.Equal(4096, Assert.Single(gateway.Received).Payload.Length);
        Assert.Equal(1, host.Counters.PublishesDenied);
    }

    [Fact]
    public async Task HalfConnect_ClosedAfterCommunicationTimeout()
    {
        await using var host = await StartAsync(new CampusBrokerOptions
        {
            ListenAddress = IPAddress.Loopback,
            Port = 0,
            CommunicationTimeout = TimeSpan.FromSeconds(1),
            Accounts = [new CampusBrokerAccount("gw", CampusPasswordHash.Create("gateway-secret", CampusPasswordHash.MinIterations), "campus/")],
        });
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, host.BoundPort);
        var stream = socket.GetStream();

        // The first bytes of a CONNECT packet (type 1, remaining length 16) and then nothing more.
        await stream.WriteAsync(new byte[] { 0x10, 0x10, 0x00, 0x04 });
        var buffer = new byte[16];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var read = await stream.ReadAsync(buffer, timeout.Token);

        Assert.Equal(0, read);
    }

    [Fact]
    public async Task HashedPassword_VerifiesLogin()
    {
        var hash = CampusPasswordHash.Create("board-secret", CampusPasswordHash.MinIterations);
        await using var host = await StartAsync(new CampusBrokerOptions
        {
            ListenAddress = IPAddress.Loopback,
            Port = 0,
            Accounts = [new CampusBrokerAccount("b201", hash, "campus/boards/b201/")],
        });

        var (right, rightResult) = await MqttTestClient.TryConnectAsync("127.0.0.1", host.BoundPort, "b201", "board-secret");
        await right.DisposeAsync();
        var (again, againResult) = await MqttTestClient.TryConnectAsync("127.0.0.1", host.BoundPort, "b201", "board-secret");
        await again.DisposeAsync();
        var (wrong, wrongResult) = await MqttTestClient.TryConnectAsync("127.0.0.1", host.BoundPort, "b201", "board-secreT");
        await wrong.DisposeAsync();
        var (hashAsPassword, hashResult) = await MqttTestClient.TryConnectAsync("127.0.0.1", host.BoundPort, "b201", hash);
        await hashAsPassword.DisposeAsync();

        Assert.Equal(MqttClientConnectResultCode.Success, rightResult);
        Assert.Equal(MqttClientConnectResultCode.Success, againResult);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, wrongResult);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, hashResult);
    }

    [Fact]
    public void PasswordHash_Format()
    {
        var hash = CampusPasswordHash.Create("p", CampusPasswordHash.MinIterations);
        var parts = hash.Split('$');

        Assert.Equal(["pbkdf2-sha256", "10000"], parts[..2]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.NotEqual(hash, CampusPasswordHash.Create("p", CampusPasswordHash.MinIterations));
        Assert.True(CampusPasswordHash.Verify(hash, "p"u8));
        Assert.False(CampusPasswordHash.Verify(hash, "q"u8));

        // The same key derived independently: RFC 8018 PBKDF2 with HMAC-SHA256.
        var expected = Rfc2898DeriveBytes.Pbkdf2("p"u8, Convert.FromBase64String(parts[2]), 10_000, HashAlgorithmName.SHA256, 32);
        Assert.Equal(Convert.ToBase64String(expected), parts[3]);

        Assert.False(CampusPasswordHash.IsValid("pbkdf2-sha256$100$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA=="));
        Assert.False(CampusPasswordHash.IsValid("pbkdf2-sha256$10000$not base64$x"));
        Assert.Throws<ArgumentException>(() => new CampusBrokerAccount("b1", "pbkdf2-sha256$10$x$y", null));
    }

    [Fact]
    public async Task Tls_AcceptsEncryptedClient_WithPlainTextOff()
    {
        var (certificatePath, keyPath, certificate) = WriteSelfSignedPem();
        using (certificate)
        {
            await using var host = await StartAsync(new CampusBrokerOptions
            {
                ListenAddress = IPAddress.Loopback,
                PlainTextEnabled = false,
                TlsCertificatePath = certificatePath,
                TlsKeyPath = keyPath,
                TlsPort = 0,
                Accounts = [CampusBrokerAccount.ForGateway("gateway", "gw")],
            });

            Assert.Equal(0, host.BoundPort);
            Assert.NotEqual(0, host.BoundTlsPort);
            using var client = new MqttClientFactory().CreateMqttClient();
            var tls = new MqttClientTlsOptionsBuilder()
                .WithTrustChain([X509CertificateLoader.LoadCertificate(certificate.RawData)])
                .WithTargetHost("localhost")
                .Build();
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", host.BoundTlsPort)
                .WithTlsOptions(tls)
                .WithCredentials("gateway", "gw")
                .Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var result = await client.ConnectAsync(options, timeout.Token);

            Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
            await client.DisconnectAsync(cancellationToken: timeout.Token);
        }
    }

    [Fact]
    public async Task Tls_MissingCertificate_NamesFile()
    {
        var path = Path.Combine(_directory, "missing.pfx");
        var host = new CampusBrokerHost(
            new CampusBrokerOptions { ListenAddress = IPAddress.Loopback, Port = 0, TlsCertificatePath = path, TlsPort = 0, Accounts = [CampusBrokerAccount.ForGateway("gateway", "gw")] },
            new TestLogger<CampusBrokerHost>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(CancellationToken.None));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retained_SurvivesRestart()
    {
        var options = new CampusBrokerOptions
        {
            ListenAddress = IPAddress.Loopback,
            Port = 0,
            RetainedStorePath = Path.Combine(_directory, "retained.json"),
            Accounts = [CampusBrokerAccount.ForGateway("gateway", "gw")],
        };

        await using (var first = await StartAsync(options))
        {
            await using var publisher = await MqttTestClient.ConnectAsync("127.0.0.1", first.BoundPort, "gateway", "gw");
            await publisher.PublishAsync("campus/gates/g1/status", """{"online":true}""", retain: true);
            await publisher.PublishAsync("campus/boards/b201/emergency", "{\"id\":\"fire\",\"text\":\"火警\",\"active\":true}", retain: true);
            await publisher.PublishAsync("campus/boards/b202/emergency", "{}", retain: true);

            // An empty retained payload deletes the topic's retained message.
            await publisher.PublishAsync("campus/boards/b202/emergency", [], retain: true);
        }

        await using var second = await StartAsync(options);
        await using var subscriber = await MqttTestClient.ConnectAsync("127.0.0.1", second.BoundPort, "gateway", "gw");
        await subscriber.SubscribeAsync("campus/#");

        var emergency = await subscriber.WaitForMessageAsync("campus/boards/b201/emergency");
        await subscriber.WaitForMessageAsync("campus/gates/g1/status");
        Assert.True(emergency.Retain);
        Assert.Contains("火警", emergency.Payload, StringComparison.Ordinal);
        await Task.Delay(100);
        Assert.Equal(2, subscriber.Received.Count);
    }

    [Fact]
    public async Task Retained_DamagedStore_StartsEmpty()
    {
        var path = Path.Combine(_directory, "retained.json");
        await File.WriteAllTextAsync(path, "[{\"topic\":");
        var logger = new TestLogger<CampusBrokerHost>();
        var host = new CampusBrokerHost(
            new CampusBrokerOptions { ListenAddress = IPAddress.Loopback, Port = 0, RetainedStorePath = path, Accounts = [CampusBrokerAccount.ForGateway("gateway", "gw")] },
            logger);
        await host.StartAsync(CancellationToken.None);
        await using (host)
        {
            await using var client = await MqttTestClient.ConnectAsync("127.0.0.1", host.BoundPort, "gateway", "gw");
            Assert.True(host.IsRunning);
            Assert.Contains(logger.Entries, e => e.Id.Id == 1313);
        }
    }

    private static async Task<CampusBrokerHost> StartAsync(CampusBrokerOptions options)
    {
        var host = new CampusBrokerHost(options, new TestLogger<CampusBrokerHost>());
        await host.StartAsync(CancellationToken.None);
        return host;
    }

    private (string CertificatePath, string KeyPath, X509Certificate2 Certificate) WriteSelfSignedPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var certificatePath = Path.Combine(_directory, "broker.crt");
        var keyPath = Path.Combine(_directory, "broker.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem(), Encoding.ASCII);
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem(), Encoding.ASCII);
        return (certificatePath, keyPath, certificate);
    }
}
