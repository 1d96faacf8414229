using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;

namespace SmartCampus.Edge.Sync.Uplink;

/// <summary>
/// MQTT connection shared by both district link profiles and the alarm connection. It builds the client options
/// (session, keep alive, TLS with server validation, the socket options of <see cref="UplinkSocketProvider"/>), connects with a CONNACK timeout, publishes with a broker-silence timeout, disconnects
/// cleanly, and signals a lost connection.
/// </summary>
/// <remarks>
/// MQTTnet 5.2 has no managed client, so each uplink runs its own reconnect loop around this type. Handlers run on
/// MQTTnet's receive path, so the lost-connection callback must only record and signal, never connect.
/// </remarks>
internal sealed class UplinkMqttClient : IDisposable
{
    private readonly UplinkOptions _options;
    private readonly UplinkTls? _tls;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Action<MqttClientDisconnectedEventArgs> _onConnectionLost;
    private readonly string _clientId;
    private readonly bool _persistentSession;

    private TaskCompletionSource _disconnected = NewSignal();
    private volatile bool _disconnectRequested;

    /// <param name="configure">Adds the profile's own options (credentials, will) to the shared ones.</param>
    /// <param name="onConnectionLost">Called when a connection drops without <see cref="DisconnectAsync"/>.</param>
    public UplinkMqttClient(
        UplinkOptions options,
        UplinkTls? tls,
        TimeProvider timeProvider,
        ILogger logger,
        Func<MqttClientOptionsBuilder, MqttClientOptionsBuilder> configure,
        Action<MqttClientDisconnectedEventArgs> onConnectionLost)
        : this(options, options.EffectiveClientId, persistentSession: true, tls, timeProvider, logger, configure, onConnectionLost)
    {
    }

    /// <param name="clientId">The MQTT client id of this connection.</param>
    /// <param name="persistentSession">
    /// False starts a clean session that ends with the connection, for a client that only publishes and needs nothing
    /// kept on the broker.
    /// </param>
    public UplinkMqttClient(
        UplinkOptions options,
        string clientId,
        bool persistentSession,
        UplinkTls? tls,
        TimeProvider timeProvider,
        ILogger logger,
        Func<MqttClientOptionsBuilder, MqttClientOptionsBuilder> configure,
        Action<MqttClientDisconnectedEventArgs> onConnectionLost)
    {
        _options = options;
        _clientId = clientId;
        _persistentSession = persistentSession;
        _tls = tls;
        _timeProvider = timeProvider;
        _logger = logger;
        _onConnectionLost = onConnectionLost;
        Sockets = new UplinkSocketProvider(timeProvider);
        ClientOptions = BuildClientOptions(configure);
        Silence = new BrokerSilence(timeProvider, options.PublishTimeout);
        Client = new MqttClientFactory().CreateMqttClient();
        Client.DisconnectedAsync += OnDisconnectedAsync;
        Client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
    }

    /// <summary>The MQTTnet client, for subscriptions and received messages.</summary>
    public IMqttClient Client { get; }

    public MqttClientOptions ClientOptions { get; }

    /// <summary>Opens this client's TCP connections.</summary>
    public UplinkSocketProvider Sockets { get; }

    /// <summary>
    /// The broker's last response on this connection. CONNACK, PUBACK and received messages are recorded here; an
    /// uplink records other responses it waits for itself (SUBACK).
    /// </summary>
    public BrokerSilence Silence { get; }

    public bool IsConnected => Client.IsConnected;

    /// <summary>Completes when the connection of the last <see cref="ConnectAsync"/> is lost or closed.</summary>
    public Task Disconnected => Volatile.Read(ref _disconnected).Task;

    public void Dispose()
    {
        Client.DisconnectedAsync -= OnDisconnectedAsync;
        Client.ApplicationMessageReceivedAsync -= OnMessageReceivedAsync;
        Client.Dispose();
    }

    /// <summary>
    /// True for a cancelled token in either form: MQTTnet 5.2 reports a cancelled wait for a response packet as
    /// MqttCommunicationTimedOutException, and other cancellations as OperationCanceledException.
    /// </summary>
    public static bool IsCancellation(Exception exception) =>
        exception is OperationCanceledException or MqttCommunicationTimedOutException;

    /// <summary>Connects within <see cref="UplinkOptions.ConnectTimeout"/> and returns the CONNACK.</summary>
    /// <exception cref="TimeoutException">No CONNACK in time.</exception>
    /// <exception cref="UplinkConnectRejectedException">The broker rejected the connection.</exception>
    public async Task<MqttClientConnectResult> ConnectAsync(CancellationToken stoppingToken)
    {
        Volatile.Write(ref _disconnected, NewSignal());
        _disconnectRequested = false;

        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        MqttClientConnectResult result;
        try
        {
            result = await Client.ConnectAsync(ClientOptions, linked.Token);
        }
        catch (Exception exception) when (IsCancellation(exception))
        {
            stoppingToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"No CONNACK from {_options.Host}:{_options.Port} within {_options.ConnectTimeout.TotalSeconds} s.", exception);
        }
        catch (MqttCommunicationException exception) when (UplinkConnectError.Explain(exception, _options.Host, _options.Port) is var explained && explained != exception)
        {
            throw explained;
        }

        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new UplinkConnectRejectedException(result.ResultCode, result.ReasonString, _options.Username);
        }

        Silence.RecordResponse();
        return result;
    }

    /// <summary>
    /// Publishes at the message's QoS and waits for the PUBACK while the broker keeps responding. It fails once the
    /// broker has sent nothing at all for <see cref="UplinkOptions.PublishTimeout"/> (see <see cref="BrokerSilence"/>).
    /// </summary>
    /// <exception cref="TimeoutException">The broker fell silent before the PUBACK came.</exception>
    public async Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken stoppingToken)
    {
        // MQTTnet 5.2 applies no timeout of its own to PublishAsync: without a deadline a lost PUBACK waits forever.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var publish = Client.PublishAsync(message, abandon.Token);
        try
        {
            return await Silence.WaitAsync(publish, stoppingToken);
        }
        catch (Exception exception) when (exception is TimeoutException || IsCancellation(exception))
        {
            await abandon.CancelAsync();
            await publish.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            stoppingToken.ThrowIfCancellationRequested();
            if (exception is TimeoutException)
            {
                throw new TimeoutException($"No PUBACK for '{message.Topic}': the broker has sent nothing for {_options.PublishTimeout.TotalMilliseconds} ms.", exception);
            }

            throw;
        }
    }

    /// <summary>
    /// Sends DISCONNECT (normal disconnection, so an MQTT broker does not send the will) if the connection is open.
    /// Returns the failure instead of throwing, because the connection is gone either way.
    /// </summary>
    public async Task<Exception?> DisconnectAsync()
    {
        if (!Client.IsConnected)
        {
            return null;
        }

        _disconnectRequested = true;
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _timeProvider);
        try
        {
            var options = new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build();
            await Client.DisconnectAsync(options, timeout.Token);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        Silence.RecordResponse();
        return Task.CompletedTask;
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected && !_disconnectRequested)
        {
            _onConnectionLost(args);
        }

        Volatile.Read(ref _disconnected).TrySetResult();
        return Task.CompletedTask;
    }

    private MqttClientOptions BuildClientOptions(Func<MqttClientOptionsBuilder, MqttClientOptionsBuilder> configure)
    {
        // CleanSession false is MQTT 3.1.1's persistent session and MQTT 5's Clean Start = 0 (same property in MQTTnet).
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithStreamProvider(Sockets)
            .WithClientId(_clientId)
            .WithProtocolVersion(_options.MqttVersion)
            .WithCleanSession(!_persistentSession)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.ConnectTimeout);

        if (_persistentSession && _options.MqttVersion == MqttProtocolVersion.V500)
        {
            // MQTT 5 keeps a session only if the expiry interval is not 0 (§3.1.2.11.2); 3.1.1 has no such field.
            builder = builder.WithSessionExpiryInterval((uint)Math.Min(uint.MaxValue, _options.SessionExpiry.TotalSeconds));
        }

        builder = configure(builder);
        if (_tls is { } tls)
        {
            builder = builder.WithTlsOptions(options =>
            {
                options.UseTls().WithTargetHost(_options.Host).WithCertificateValidationHandler(args => ValidateServerCertificate(tls, args.Certificate, args.SslPolicyErrors));
                if (tls.ClientCertificate is { } client)
                {
                    options.WithClientCertificates(new X509Certificate2Collection(client));
                }
            });
        }

        return builder.Build();
    }

    private bool ValidateServerCertificate(UplinkTls tls, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (tls.Validate(certificate, errors))
        {
            return true;
        }

        UplinkLog.TlsRejected(_logger, certificate?.Subject ?? "(none)", errors.ToString());
        return false;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
