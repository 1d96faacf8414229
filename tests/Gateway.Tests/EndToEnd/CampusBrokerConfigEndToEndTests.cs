using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using SmartCampus.Edge.Gateway.CampusBroker;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Hosting;

namespace SmartCampus.Edge.Gateway.Tests.EndToEnd;

/// <summary>The embedded broker's TLS listener, retained store and queue size, configured in campus.yaml and run by the host.</summary>
public sealed class CampusBrokerConfigEndToEndTests : IDisposable
{
    private const string BoardPassword = "board-201-test-secret";

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-broker-config-").FullName;

    [Fact]
    public async Task TlsAndRetainedStore_FromCampusYaml()
    {
        using var certificate = WriteSelfSignedPem();
        var site = Load(LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var tlsPort = site.CampusBroker.TlsPort;

        using (var first = GatewayHost.Build(site, Settings()))
        {
            await first.StartAsync();
            var broker = first.Services.GetRequiredService<CampusBrokerHost>();
            Assert.Equal(tlsPort, broker.BoundTlsPort);

            // A board reaches the TLS listener with its own account and leaves a retained status.
            using var board = new MqttClientFactory().CreateMqttClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var tls = new MqttClientTlsOptionsBuilder()
                .WithTrustChain([X509CertificateLoader.LoadCertificate(certificate.RawData)])
                .WithTargetHost("localhost")
                .Build();
            await board.ConnectAsync(
                new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", tlsPort).WithTlsOptions(tls).WithClientId("board-201").WithCredentials("board-201", BoardPassword).Build(),
                timeout.Token);
            await board.PublishAsync(
                new MqttApplicationMessageBuilder().WithTopic("campus/boards/board-201/status").WithPayload("{\"mode\":\"exam\"}").WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                timeout.Token);
            await board.DisconnectAsync(cancellationToken: timeout.Token);
            await first.StopAsync();
        }

        var store = Path.Combine(site.Gateway.DataDirectory, CampusBrokerConfiguration.DefaultRetainedStoreFileName);
        Assert.True(File.Exists(store), $"No retained store at {store}.");

        using var second = GatewayHost.Build(site, Settings());
        await second.StartAsync();
        var retained = await ReadRetainedAsync(site.CampusBroker.Port, "campus/boards/board-201/status");
        await second.StopAsync();

        Assert.Equal("{\"mode\":\"exam\"}", retained);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static GatewayHostSettings Settings() => new() { ReplaceStaticLogger = false, WriteLogToConsole = false };

    private static async Task<string?> ReadRetainedAsync(int port, string topic)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += args =>
        {
            received.TrySetResult(Encoding.UTF8.GetString(args.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithCredentials("gateway", "gateway-test-secret").Build(), timeout.Token);
        await client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        try
        {
            return await received.Task.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private SiteConfiguration Load(int campusPort, int tlsPort, int closedPort)
    {
        var yaml = $$"""
            school:
              id: test-school
              name: 测试学校
            gateway:
              id: gw-broker
              language: en
              dataDirectory: ./data
            campusBroker:
              mode: embedded
              host: 127.0.0.1
              port: {{campusPort}}
              username: gateway
              password: gateway-test-secret
              tlsCertificateFile: broker.crt
              tlsKeyFile: broker.key
              tlsPort: {{tlsPort}}
              maxQueuedMessages: 20000
            district:
              host: 127.0.0.1
              port: {{closedPort}}
            devices:
              - id: board-201
                kind: class-board
                password: {{BoardPassword}}
            """;
        var result = SiteConfigurationLoader.LoadFromText(yaml, "campus.yaml", _directory, CultureInfo.GetCultureInfo("en"));
        Assert.True(result.IsValid, ConfigurationReport.Format(result));
        return result.Configuration!;
    }

    private X509Certificate2 WriteSelfSignedPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        File.WriteAllText(Path.Combine(_directory, "broker.crt"), certificate.ExportCertificatePem(), Encoding.ASCII);
        File.WriteAllText(Path.Combine(_directory, "broker.key"), key.ExportPkcs8PrivateKeyPem(), Encoding.ASCII);
        return certificate;
    }
}
