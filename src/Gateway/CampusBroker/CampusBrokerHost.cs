using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

using SmartCampus.Edge.Drivers.Mqtt;

namespace SmartCampus.Edge.Gateway.CampusBroker;

/// <summary>
/// The campus MQTT broker inside the gateway (MQTTnet.Server 5.2) for class boards and other campus devices.
/// Every client logs in with its own account; a limited account may publish and subscribe only under its topic
/// prefix. The broker listens on the configured addresses only, one listener each, because MQTTnet binds every
/// IPv4 and IPv6 interface unless the bound addresses are set. Usable as a hosted service or directly through <see cref="StartAsync"/> and <see cref="StopAsync"/>.
/// </summary>
public sealed class CampusBrokerHost : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private readonly CampusBrokerOptions _options;
    private readonly ILogger _logger;
    private readonly CampusBrokerAccessPolicy _policy;
    private readonly LogRateLimiter _warnings;
    private readonly RetainedMessageStore? _retainedStore;

    // Client id -> user name of the connection that uses it, so that one account cannot take over another's session.
    private readonly ConcurrentDictionary<string, string> _clientOwners = new(StringComparer.Ordinal);
    private MqttServer? _server;
    private IDisposable? _metrics;
    private long _connectionsAccepted;
    private long _connectionsRejected;
    private long _connectedClients;
    private long _messagesReceived;
    private long _publishesDenied;
    private long _subscriptionsDenied;
    private long _messagesDropped;

    public CampusBrokerHost(CampusBrokerOptions options, ILogger<CampusBrokerHost> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        CampusBrokerOptionsValidator.ThrowIfInvalid(options);

        _options = options;
        _logger = logger;
        _policy = new CampusBrokerAccessPolicy(options.Accounts);
        _warnings = new LogRateLimiter(timeProvider ?? TimeProvider.System, WarningInterval);
        _retainedStore = options.RetainedStorePath is { } path ? new RetainedMessageStore(path) : null;
    }

    /// <summary>Port the broker listens on once started; differs from the configured port when that was 0.</summary>
    public int BoundPort { get; private set; }

    /// <summary>Port of the TLS listener once started, or 0 without TLS.</summary>
    public int BoundTlsPort { get; private set; }

    public bool IsRunning => _server?.IsStarted == true;

    public CampusBrokerCounters Counters => new(
        Interlocked.Read(ref _connectionsAccepted),
        Interlocked.Read(ref _connectionsRejected),
        Interlocked.Read(ref _connectedClients),
        Interlocked.Read(ref _messagesReceived),
        Interlocked.Read(ref _publishesDenied),
        Interlocked.Read(ref _subscriptionsDenied),
        Interlocked.Read(ref _messagesDropped));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("The campus broker is already running.");
        }

        var serverOptions = BuildServerOptions(IPAddress.None, IPAddress.None);
        var certificate = _options.TlsCertificatePath is { } certificatePath ? LoadCertificate(certificatePath) : null;
        var adapters = CreateListeners(certificate);
        var server = new MqttServerFactory(new MqttNetLogBridge(_logger)).CreateMqttServer(serverOptions, adapters);
        server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        server.ClientConnectedAsync += OnClientConnectedAsync;
        server.ClientDisconnectedAsync += OnClientDisconnectedAsync;
        server.InterceptingPublishAsync += OnInterceptingPublishAsync;
        server.InterceptingSubscriptionAsync += OnInterceptingSubscriptionAsync;
        server.QueuedApplicationMessageOverwrittenAsync += OnMessageDroppedAsync;
        if (_retainedStore is not null)
        {
            server.LoadingRetainedMessageAsync += OnLoadingRetainedAsync;
            server.RetainedMessageChangedAsync += OnRetainedChangedAsync;
            server.RetainedMessagesClearedAsync += OnRetainedClearedAsync;
        }

        try
        {
            await server.StartAsync().WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is SocketException or IOException)
        {
            var address = FailedAddress(adapters);
            CampusBrokerLog.StartFailed(_logger, address, _options.Port, exception);
            server.Dispose();
            throw new InvalidOperationException(CampusBrokerText.ListenFailed(address, _options.Port, exception.Message), exception);
        }

        _server = server;
        var first = adapters[0].StartedOptions!;
        BoundPort = first.DefaultEndpointOptions.IsEnabled ? first.DefaultEndpointOptions.Port : 0;
        BoundTlsPort = first.TlsEndpointOptions.IsEnabled ? first.TlsEndpointOptions.Port : 0;
        _metrics = CampusBrokerMetrics.Track(this);
        foreach (var address in ListenAddresses)
        {
            CampusBrokerLog.Started(_logger, address, BoundPort, _options.Accounts.Count, _options.MaxPendingMessagesPerClient);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var server = Interlocked.Exchange(ref _server, null);
        if (server is null)
        {
            return;
        }

        try
        {
            await server.StopAsync(new MqttServerStopOptions()).WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Exchange(ref _metrics, null)?.Dispose();
            server.Dispose();
            _clientOwners.Clear();
            Interlocked.Exchange(ref _connectedClients, 0);
            var counters = Counters;
            CampusBrokerLog.Stopped(_logger, counters.ConnectionsAccepted, counters.MessagesReceived, counters.MessagesDropped);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    /// <summary>The configured addresses; <see cref="CampusBrokerOptions.ListenAddress"/> alone when no list is given.</summary>
    private IReadOnlyList<IPAddress> ListenAddresses =>
        _options.ListenAddresses.Count > 0 ? _options.ListenAddresses : [_options.ListenAddress];

    /// <summary>
    /// One listener per configured address. With port 0 the first listener lets the system pick a port and every
    /// further one binds the same port, so that each address answers on one port.
    /// </summary>
    private List<BoundTcpServerAdapter> CreateListeners(X509Certificate2? certificate)
    {
        var adapters = new List<BoundTcpServerAdapter>();
        foreach (var address in ListenAddresses)
        {
            var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
            var earlier = adapters.Count > 0 ? adapters[0] : null;
            adapters.Add(new BoundTcpServerAdapter(() =>
            {
                var options = BuildServerOptions(v6 ? IPAddress.None : address, v6 ? address : IPAddress.None, certificate);
                if (earlier?.StartedOptions is { } bound)
                {
                    options.DefaultEndpointOptions.Port = bound.DefaultEndpointOptions.Port;
                    options.TlsEndpointOptions.Port = bound.TlsEndpointOptions.Port;
                }

                return options;
            }));
        }

        return adapters;
    }

    /// <summary>The address of the first listener that did not start, for the operator's message.</summary>
    private IPAddress FailedAddress(List<BoundTcpServerAdapter> adapters)
    {
        var index = adapters.FindIndex(adapter => adapter.StartedOptions is null);
        return ListenAddresses[index < 0 ? 0 : index];
    }

    /// <summary>Options of one listener: IPAddress.None switches MQTTnet's listener for that address family off.</summary>
    private MqttServerOptions BuildServerOptions(IPAddress v4Address, IPAddress v6Address, X509Certificate2? certificate = null)
    {
        var builder = new MqttServerFactory().CreateServerOptionsBuilder()
            .WithMaxPendingMessagesPerClient(_options.MaxPendingMessagesPerClient)
            .WithDefaultCommunicationTimeout(_options.CommunicationTimeout)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage);

        builder = _options.PlainTextEnabled
            ? builder.WithDefaultEndpoint()
                .WithDefaultEndpointPort(_options.Port)
                .WithDefaultEndpointBoundIPAddress(v4Address)
                .WithDefaultEndpointBoundIPV6Address(v6Address)
            : builder.WithoutDefaultEndpoint();

        builder = certificate is not null
            ? builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointPort(_options.TlsPort)
                .WithEncryptedEndpointBoundIPAddress(v4Address)
                .WithEncryptedEndpointBoundIPV6Address(v6Address)
                .WithEncryptionCertificate(certificate)
            : builder.WithoutEncryptedEndpoint();

        return builder.Build();
    }

    private X509Certificate2 LoadCertificate(string certificatePath)
    {
        try
        {
            if (_options.TlsKeyPath is { } keyPath)
            {
                // SslStream on Linux needs the key in a PKCS#12 round trip when it comes from PEM.
                using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
                return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }

            return X509CertificateLoader.LoadPkcs12FromFile(certificatePath, _options.TlsCertificatePassword);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            CampusBrokerLog.CertificateFailed(_logger, certificatePath, exception);
            throw new InvalidOperationException(CampusBrokerText.CertificateFailed(certificatePath, exception.Message), exception);
        }
    }

    private Task OnLoadingRetainedAsync(LoadingRetainedMessagesEventArgs args)
    {
        try
        {
            args.LoadedRetainedMessages = _retainedStore!.Load();
            CampusBrokerLog.RetainedLoaded(_logger, args.LoadedRetainedMessages.Count, _retainedStore.Path);
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            // A damaged store must not keep the broker down: boards republish their status, the hub its emergencies.
            CampusBrokerLog.RetainedLoadFailed(_logger, _retainedStore!.Path, exception);
        }

        return Task.CompletedTask;
    }

    private Task OnRetainedChangedAsync(RetainedMessageChangedEventArgs args)
    {
        SaveRetained(args.StoredRetainedMessages);
        return Task.CompletedTask;
    }

    private Task OnRetainedClearedAsync(EventArgs args)
    {
        SaveRetained([]);
        return Task.CompletedTask;
    }

    private void SaveRetained(IReadOnlyList<MQTTnet.MqttApplicationMessage> messages)
    {
        try
        {
            _retainedStore!.Save(messages);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            CampusBrokerLog.RetainedSaveFailed(_logger, _retainedStore!.Path, exception);
        }
    }

    private Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs args)
    {
        var endpoint = args.RemoteEndPoint?.ToString();
        var account = _policy.Authenticate(args.UserName, args.RawPassword);
        if (account is null)
        {
            Reject(args, MqttConnectReasonCode.BadUserNameOrPassword, "missing or wrong user name or password", endpoint);
            return Task.CompletedTask;
        }

        var clientId = args.ClientId ?? string.Empty;
        if (clientId.Length > 0)
        {
            var owner = _clientOwners.GetOrAdd(clientId, account.Username);
            if (!string.Equals(owner, account.Username, StringComparison.Ordinal))
            {
                Reject(args, MqttConnectReasonCode.ClientIdentifierNotValid, "the client id is in use by another account", endpoint);
                return Task.CompletedTask;
            }
        }

        Interlocked.Increment(ref _connectionsAccepted);
        return Task.CompletedTask;
    }

    private void Reject(ValidatingConnectionEventArgs args, MqttConnectReasonCode reasonCode, string reason, string? endpoint)
    {
        args.ReasonCode = reasonCode;
        Interlocked.Increment(ref _connectionsRejected);

        var clientId = args.ClientId ?? string.Empty;
        if (_warnings.TryAcquire("connect:" + clientId, out var suppressed))
        {
            CampusBrokerLog.ConnectionRejected(_logger, clientId, args.UserName, endpoint, reason, suppressed);
        }
    }

    private Task OnClientConnectedAsync(ClientConnectedEventArgs args)
    {
        Interlocked.Increment(ref _connectedClients);
        CampusBrokerLog.ClientConnected(_logger, args.ClientId, args.UserName, args.RemoteEndPoint);
        return Task.CompletedTask;
    }

    private Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs args)
    {
        Interlocked.Decrement(ref _connectedClients);

        // After a takeover by the same account the client id belongs to the new connection.
        if (args.DisconnectType != MqttClientDisconnectType.Takeover && args.ClientId is not null)
        {
            _clientOwners.TryRemove(args.ClientId, out _);
        }

        CampusBrokerLog.ClientDisconnected(_logger, args.ClientId ?? string.Empty, args.UserName, args.DisconnectType);
        return Task.CompletedTask;
    }

    private Task OnInterceptingPublishAsync(InterceptingPublishEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;

        // NOTE: MQTTnet 5.2's server has no maximum packet size, so an oversized payload is already in memory here.
        // Rejecting it still keeps it out of every subscriber's queue.
        var payloadBytes = args.ApplicationMessage.Payload.Length;
        if (payloadBytes > _options.MaxPayloadBytes)
        {
            args.ProcessPublish = false;
            args.CloseConnection = true;
            Interlocked.Increment(ref _publishesDenied);
            if (_warnings.TryAcquire("oversize:" + args.ClientId, out var skipped))
            {
                CampusBrokerLog.PayloadTooLarge(_logger, args.ClientId, args.UserName, topic, payloadBytes, _options.MaxPayloadBytes, skipped);
            }

            return Task.CompletedTask;
        }

        var account = _policy.Find(args.UserName);
        if (account is not null && CampusBrokerAccessPolicy.MayPublish(account, topic))
        {
            Interlocked.Increment(ref _messagesReceived);
            return Task.CompletedTask;
        }

        args.ProcessPublish = false;
        args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        Interlocked.Increment(ref _publishesDenied);
        if (_warnings.TryAcquire("publish:" + args.ClientId, out var suppressed))
        {
            CampusBrokerLog.PublishDenied(_logger, args.ClientId, args.UserName, topic, suppressed);
        }

        return Task.CompletedTask;
    }

    private Task OnInterceptingSubscriptionAsync(InterceptingSubscriptionEventArgs args)
    {
        var filter = args.TopicFilter.Topic;
        var account = _policy.Find(args.UserName);
        if (account is not null && CampusBrokerAccessPolicy.MaySubscribe(account, filter))
        {
            return Task.CompletedTask;
        }

        args.ProcessSubscription = false;
        args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        Interlocked.Increment(ref _subscriptionsDenied);
        if (_warnings.TryAcquire("subscribe:" + args.ClientId, out var suppressed))
        {
            CampusBrokerLog.SubscriptionDenied(_logger, args.ClientId, args.UserName, filter, suppressed);
        }

        return Task.CompletedTask;
    }

    private Task OnMessageDroppedAsync(QueueMessageOverwrittenEventArgs args)
    {
        var total = Interlocked.Increment(ref _messagesDropped);
        if (_warnings.TryAcquire("drop:" + args.ReceiverClientId, out var suppressed))
        {
            var topic = (args.Packet as MQTTnet.Packets.MqttPublishPacket)?.Topic;
            CampusBrokerLog.MessageDropped(_logger, args.ReceiverClientId, topic, _options.MaxPendingMessagesPerClient, total, suppressed);
        }

        return Task.CompletedTask;
    }
}
