using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace SmartCampus.Edge.Drivers.Mqtt;

/// <summary>
/// The gateway's MQTT connection to the campus broker. MQTTnet 5.2 has no managed client, so this keeps the
/// connection itself: connect, subscribe every filter and check each SUBACK, wait for the connection to drop, back
/// off and do it all again. Subscriptions are renewed after every reconnect, because a broker that restarted
/// without persistence has forgotten them. A message whose handler fails is acknowledged all the same, counted and
/// logged, so that a persistent session cannot deliver it again and again; a message that ends connection after
/// connection is detected as a session loop (see <see cref="SessionLoopDetector"/>).
/// The session sends its own keep-alive pings (see <see cref="WatchKeepAliveAsync"/>) instead of relying on
/// MQTTnet's, which ends the connection when a PINGRESP is late even while messages keep arriving.
/// </summary>
internal sealed class CampusMqttSession : IDisposable
{
    private readonly CampusMqttOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<string> _filters;
    private readonly Func<CancellationToken, Task> _onConnected;
    private readonly Action<string>? _onSessionLoop;
    private readonly Func<MqttApplicationMessageReceivedEventArgs, Task> _onMessage;
    private readonly LogRateLimiter _handlerWarnings;
    private long _handlerFailures;
    private readonly IMqttClient _client;
    private readonly Lock _loopSync = new();
    private readonly SessionLoopDetector _loop;
    private long _sessionsLost;
    private bool _hadSession;
    private bool _cleanStartOnce;
    private volatile bool _skipRetained;
    private volatile string? _loopTopic;
    private TaskCompletionSource<string> _disconnected = NewDisconnectSignal();
    private volatile bool _subscriptionsActive;
    private long _messagesSeen;
    private long _lastSignOfLife;
    private long _pingsOverdue;
    private readonly CampusMqttTls? _tls;
    private volatile ConnectError? _lastError;
    private MqttClientConnectResultCode? _rejectedCode;

    /// <param name="onConnected">Runs after each successful connect and subscribe, for example to republish retained state.</param>
    /// <param name="onSessionLoop">Runs once with the topic when a session loop is detected, so that the driver can report a fault.</param>
    public CampusMqttSession(
        CampusMqttOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        IReadOnlyList<string> filters,
        Func<MqttApplicationMessageReceivedEventArgs, Task> onMessage,
        Func<CancellationToken, Task> onConnected,
        Action<string>? onSessionLoop = null)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _filters = filters;
        _onConnected = onConnected;
        _onSessionLoop = onSessionLoop;

        _tls = CampusMqttTls.Create(options);
        _client = new MqttClientFactory().CreateMqttClient();
        _onMessage = onMessage;
        _handlerWarnings = new LogRateLimiter(timeProvider, TimeSpan.FromMinutes(1));
        _client.ApplicationMessageReceivedAsync += OnMessageGuardedAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;

        _loop = new SessionLoopDetector(options.ShortSession, options.SessionLoopThreshold);
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>True while connected with every filter granted by the broker.</summary>
    public bool SubscriptionsActive => _subscriptionsActive;

    /// <summary>Messages whose handler threw since start; each was acknowledged, dropped alone and logged, and the session went on.</summary>
    public long HandlerFailureCount => Interlocked.Read(ref _handlerFailures);

    /// <summary>Reconnects of a <see cref="CampusMqttOptions.PersistentSession"/> that found no session on the broker.</summary>
    public long SessionsLost => Interlocked.Read(ref _sessionsLost);

    /// <summary>
    /// Count of pings whose PINGRESP timed out while messages kept arriving. The PINGRESP was queued behind a burst,
    /// so the connection was kept. A high count means the gateway reads slower than devices publish.
    /// </summary>
    public long PingsOverdue => Interlocked.Read(ref _pingsOverdue);

    /// <summary>Topic of the message that ended connection after connection, once such a loop was detected; a fault until restart.</summary>
    public string? SessionLoopTopic => _loopTopic;

    /// <summary>
    /// Why the last connect failed, in the reader's UI language, with host, port and the setting to check; null until a
    /// connect fails. It stays after a later success, with <see cref="LastConnectErrorAt"/> telling when it happened.
    /// </summary>
    public string? LastConnectError => _lastError?.Describe();

    /// <summary>Wall-clock time of <see cref="LastConnectError"/>.</summary>
    public DateTimeOffset? LastConnectErrorAt => _lastError?.At;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var metrics = MqttMetrics.Track(this, _options.ClientId);
        var attempt = 0;
        var shortInRow = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            string reason;
            var connectedAt = 0L;
            var attemptStarted = _timeProvider.GetTimestamp();
            try
            {
                _disconnected = NewDisconnectSignal();
                await ConnectAndSubscribeAsync(cancellationToken);
                connectedAt = _timeProvider.GetTimestamp();
                attempt = 0;
                using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var watch = WatchKeepAliveAsync(connection.Token);
                try
                {
                    await _onConnected(cancellationToken);
                    reason = await _disconnected.Task.WaitAsync(cancellationToken);
                }
                finally
                {
                    await connection.CancelAsync();
                    await watch;
                }

                ClassBoardLog.Disconnected(_logger, _options.Host, _options.Port, reason);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // Any failure of one connection ends only that connection; the loop connects again after a backoff.
                attempt++;
                var delay = NextDelay(attempt);
                ClassBoardLog.ConnectFailed(_logger, _options.Host, _options.Port, attempt, delay.TotalSeconds, exception.Message);
                RecordConnectError(exception, _timeProvider.GetElapsedTime(attemptStarted));
                await DelayQuietlyAsync(delay, cancellationToken);
                continue;
            }
            finally
            {
                _subscriptionsActive = false;
            }

            // Connections that keep ending soon after connecting back off like failed connects.
            var sessionLength = _timeProvider.GetElapsedTime(connectedAt);
            shortInRow = sessionLength < _options.ShortSession ? shortInRow + 1 : 0;
            OnSessionEnded(sessionLength);
            await DelayQuietlyAsync(NextDelay(shortInRow), cancellationToken);
        }

        await DisconnectQuietlyAsync();
    }

    /// <summary>Publishes and waits for the PUBACK at most <see cref="CampusMqttOptions.PublishTimeout"/>.</summary>
    public async Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        MqttMetrics.RecordPublished(_options.ClientId);
        return await _client.PublishAsync(message, timeout.Token);
    }

    public void Dispose() => _client.Dispose();

    private async Task ConnectAndSubscribeAsync(CancellationToken cancellationToken)
    {
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(_options.ConnectTimeout);
            var cleanStart = !_options.PersistentSession || _cleanStartOnce;
            _tls?.ClearRejection();
            _rejectedCode = null;
            var result = await _client.ConnectAsync(BuildClientOptions(cleanStart), timeout.Token);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                _rejectedCode = result.ResultCode;
                throw new MqttCommunicationException($"the broker rejected the connection with {result.ResultCode} {result.ReasonString}".TrimEnd());
            }

            _cleanStartOnce = false;
            lock (_loopSync)
            {
                _loop.OnConnected();
            }

            ClassBoardLog.Connected(_logger, _options.Host, _options.Port, _options.ClientId, result.IsSessionPresent);
            if (_options.PersistentSession && !cleanStart && _hadSession && !result.IsSessionPresent)
            {
                // The broker restarted without persistence or let the session expire: what it queued is gone.
                var lost = Interlocked.Increment(ref _sessionsLost);
                ClassBoardLog.SessionLost(_logger, _options.Host, _options.Port, _options.ClientId, lost);
            }

            _hadSession = _options.PersistentSession;
        }

        // After a session loop the subscription asks for no retained messages (MQTT 5 retain handling 2), because a
        // poison retained message would end the connection again. Live messages still arrive.
        var retainHandling = _skipRetained ? MqttRetainHandling.DoNotSendOnSubscribe : MqttRetainHandling.SendAtSubscribe;
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in _filters)
        {
            subscribe = subscribe.WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS().WithRetainHandling(retainHandling));
        }

        using var subscribeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        subscribeTimeout.CancelAfter(_options.ConnectTimeout);
        var granted = await _client.SubscribeAsync(subscribe.Build(), subscribeTimeout.Token);
        foreach (var item in granted.Items)
        {
            if (item.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                await DisconnectQuietlyAsync();
                throw new MqttCommunicationException($"the broker rejected the subscription to {item.TopicFilter.Topic} with {item.ResultCode}");
            }

            ClassBoardLog.Subscribed(_logger, item.TopicFilter.Topic, item.ResultCode);
        }

        _subscriptionsActive = true;
    }

    /// <summary>
    /// A message whose handler throws is dropped alone, counted and logged. MQTTnet 5.2 itself logs such an
    /// exception and keeps the connection, as checked against Mosquitto with a retained message. The guard keeps
    /// that true for later MQTTnet versions too. A retained poison message that ended each session would cause a
    /// reconnect loop that starves every other topic.
    /// </summary>
    private async Task OnMessageGuardedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        MqttMetrics.RecordReceived(_options.ClientId);
        Interlocked.Increment(ref _messagesSeen);
        Volatile.Write(ref _lastSignOfLife, _timeProvider.GetTimestamp());
        var fingerprint = MessageFingerprint.Of(args.ApplicationMessage.Topic, args.ApplicationMessage.Payload);
        lock (_loopSync)
        {
            _loop.OnMessage(fingerprint);
        }

        try
        {
            await _onMessage(args);
        }
        catch (Exception exception)
        {
            Interlocked.Increment(ref _handlerFailures);
            MqttMetrics.RecordHandlerFailure(_options.ClientId);
            var topic = args.ApplicationMessage.Topic;
            if (_handlerWarnings.TryAcquire(topic, out var suppressed))
            {
                ClassBoardLog.HandlerFailed(_logger, topic, args.ApplicationMessage.Retain, suppressed, exception);
            }
        }
    }

    /// <summary>
    /// Pings the broker every quarter of the keep-alive period and waits up to a quarter period for each PINGRESP.
    /// MQTTnet's own keep-alive loop pings only after a full period without sending, so it stays idle.
    /// That loop closes the connection when one PINGRESP is late. Under a burst the PINGRESP waits behind every
    /// message already in the socket buffers, and with a clean session the broker then dropped every message queued
    /// for the gateway (a benchmark round stopped at about 9,400 of 100,000).
    /// Here a late PINGRESP counts as overdue while messages keep arriving. The connection is closed only when
    /// neither a PINGRESP nor a message arrives for 1.5 keep-alive periods, the limit MQTT sets for the broker
    /// ([MQTT-3.1.2-24]), and at least four pings in a row went without a PINGRESP.
    /// </summary>
    private async Task WatchKeepAliveAsync(CancellationToken cancellationToken)
    {
        if (_options.KeepAlive <= TimeSpan.Zero)
        {
            return;
        }

        var interval = TimeSpan.FromTicks(Math.Max(_options.KeepAlive.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks));
        var silentLimit = _options.KeepAlive * 1.5;
        Volatile.Write(ref _lastSignOfLife, _timeProvider.GetTimestamp());

        // Silence alone is not enough, because a test clock that jumps ahead must not end a connection whose pings
        // still get a PINGRESP.
        var unansweredInRow = 0;
        try
        {
            while (true)
            {
                await Task.Delay(interval, _timeProvider, cancellationToken);
                var seenBefore = Interlocked.Read(ref _messagesSeen);
                var sent = _timeProvider.GetTimestamp();
                try
                {
                    // A ping cancelled by this timeout fails alone; only MQTTnet's own loop closes the connection on it.
                    using var timeout = new CancellationTokenSource(interval, _timeProvider);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                    await _client.PingAsync(linked.Token);
                    Volatile.Write(ref _lastSignOfLife, _timeProvider.GetTimestamp());
                    unansweredInRow = 0;
                }
                catch (Exception) when (cancellationToken.IsCancellationRequested)
                {
                    // The connection ended while the ping was pending; MQTTnet reports that as a timeout.
                    return;
                }
                catch (Exception)
                {
                    // A late or failed ping is judged by what else arrived while it was pending.
                    unansweredInRow++;
                    if (Interlocked.Read(ref _messagesSeen) != seenBefore)
                    {
                        var overdue = Interlocked.Increment(ref _pingsOverdue);
                        var waited = _timeProvider.GetElapsedTime(sent);
                        ClassBoardLog.PingOverdue(_logger, _options.Host, _options.Port, waited.TotalMilliseconds, overdue);
                    }
                }

                var silent = _timeProvider.GetElapsedTime(Volatile.Read(ref _lastSignOfLife));
                if (silent > silentLimit && unansweredInRow >= 4)
                {
                    ClassBoardLog.BrokerSilent(_logger, _options.Host, _options.Port, Math.Round(silent.TotalSeconds, 1));
                    _disconnected.TrySetResult($"no PINGRESP and no message for {silent.TotalSeconds:F1} s");
                    await DisconnectQuietlyAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The connection ended or the gateway stops.
        }
    }

    private MqttClientOptions BuildClientOptions(bool cleanStart)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId)
            .WithCleanStart(cleanStart)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.ConnectTimeout);
        if (_options.PersistentSession)
        {
            builder = builder.WithSessionExpiryInterval((uint)Math.Clamp(_options.SessionExpiry.TotalSeconds, 1, uint.MaxValue - 1));
        }

        if (_options.Username is not null)
        {
            builder = builder.WithCredentials(_options.Username, _options.Password);
        }

        if (_tls is not null)
        {
            builder = _tls.Apply(builder);
        }

        return builder.Build();
    }

    /// <summary>Keeps the operator's text of a failed connect; the raw exception went to the log just before.</summary>
    private void RecordConnectError(Exception exception, TimeSpan elapsed)
    {
        if (_tls?.LastRejection is { } refusedCertificate)
        {
            ClassBoardLog.TlsCertificateRefused(_logger, _options.Host, _options.Port, _tls.LastRejectedSubject ?? "(none)", refusedCertificate, _options.TlsCaFile ?? "(system trust store)");
        }

        // Formatted when read, so that the console shows it in the reader's language.
        var (host, port, timeout, usesTls, rejection, code) = (_options.Host, _options.Port, _options.ConnectTimeout, _tls is not null, _tls?.LastRejection, _rejectedCode);
        _lastError = new ConnectError(
            () => code is { } refused
                ? CampusConnectFailure.Rejected(refused, host, port)
                : CampusConnectFailure.Describe(exception, host, port, timeout, usesTls, rejection, elapsed),
            _timeProvider.GetUtcNow());
    }

    private sealed record ConnectError(Func<string> Describe, DateTimeOffset At);

    private void OnSessionEnded(TimeSpan sessionLength)
    {
        bool loop;
        int repeats;
        string? topic;
        lock (_loopSync)
        {
            loop = _loop.OnDisconnected(sessionLength);
            repeats = _loop.Repeats;
            topic = _loop.LoopTopic;
        }

        if (!loop)
        {
            return;
        }

        // NOTE: the session stays degraded until the gateway restarts. The fault message names the topic, so the
        // technician removes the message (a retained one by publishing an empty retained message) and restarts.
        _loopTopic = topic;
        _skipRetained = true;
        _cleanStartOnce = true;
        ClassBoardLog.SessionLoop(_logger, _options.Host, _options.Port, repeats, _options.ShortSession.TotalSeconds, topic ?? string.Empty);
        _onSessionLoop?.Invoke(topic ?? string.Empty);
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        var reason = args.Exception?.Message ?? args.ReasonString ?? args.Reason.ToString();
        _disconnected.TrySetResult(string.IsNullOrEmpty(reason) ? args.Reason.ToString() : reason);
        return Task.CompletedTask;
    }

    /// <summary>Doubles from <see cref="CampusMqttOptions.ReconnectDelay"/> up to the maximum, with ±20 % jitter so that gateways do not reconnect in step.</summary>
    private TimeSpan NextDelay(int attempt)
    {
        var exponent = Math.Min(attempt - 1, 16);
        var ticks = Math.Min(_options.ReconnectDelay.Ticks * (1L << exponent), _options.MaxReconnectDelay.Ticks);
#pragma warning disable CA5394 // Jitter spreads reconnects; it needs no cryptographic randomness.
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
#pragma warning restore CA5394
        return TimeSpan.FromTicks((long)(ticks * jitter));
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _timeProvider, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is normal; the loop condition ends the session.
        }
    }

    private async Task DisconnectQuietlyAsync()
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_options.ConnectTimeout);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
        }
        catch (Exception exception) when (exception is MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
        {
            ClassBoardLog.DisconnectFailed(_logger, _options.Host, _options.Port, exception);
        }
    }

    private static TaskCompletionSource<string> NewDisconnectSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
