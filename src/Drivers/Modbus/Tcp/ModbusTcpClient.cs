using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus.Tcp;

/// <summary>
/// Modbus TCP client for one device or gateway. It keeps one connection, opened on the first request and reopened
/// after an I/O error, and sends one request at a time on it: callers queue. Replies are paired with requests by
/// transaction id, and a reply to an earlier request that timed out is discarded when it arrives late.
/// </summary>
public sealed class ModbusTcpClient : ModbusClientBase
{
    /// <summary>
    /// Timeouts in a row after which the connection is reopened: a device that rebooted or a cable pulled without
    /// a TCP reset leaves a half-open connection that only a new connect detects.
    /// </summary>
    private const int MaxConsecutiveTimeouts = 2;

    /// <summary>Replies in a row with a foreign transaction id after which the connection is reopened.</summary>
    private const int MaxConsecutiveMismatches = 3;

    private readonly ModbusTcpClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Func<CancellationToken, ValueTask<Stream>> _connect;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The request being sent. Only one request is in flight at a time (under <see cref="_gate"/>), so one buffer serves them all.</summary>
    private readonly byte[] _adu = new byte[Mbap.MaxAduLength];

    /// <summary>The deadline of the request in flight, reused under <see cref="_gate"/>.</summary>
    private readonly ModbusRequestDeadline _deadline;

    private Stream? _stream;
    private MbapFrameReader? _reader;
    private ushort _lastTransactionId;
    private int _consecutiveTimeouts;
    private int _consecutiveMismatches;
    private volatile bool _disposed;

    public ModbusTcpClient(ModbusTcpClientOptions options, TimeProvider timeProvider, ILogger logger)
        : this(options, timeProvider, logger, connect: null)
    {
    }

    /// <summary>Creates a client whose connections come from <paramref name="connect"/>, so tests can pass in-memory streams.</summary>
    internal ModbusTcpClient(
        ModbusTcpClientOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        Func<CancellationToken, ValueTask<Stream>>? connect)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DeviceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);

        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _connect = connect ?? ConnectSocketAsync;
        _deadline = new ModbusRequestDeadline(timeProvider);
        Endpoint = options.Host.Contains(':', StringComparison.Ordinal)
            ? $"[{options.Host}]:{options.Port}"
            : $"{options.Host}:{options.Port}";
    }

    /// <summary>The device's address as <c>host:port</c>.</summary>
    public string Endpoint { get; }

    public bool IsConnected => _stream is not null;

    private protected override string MessageDeviceId => _options.DeviceId;

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Closing the stream ends a read in flight. Once that request has left the gate, no new connection can be
        // opened: requests still queued see the disposed flag when they enter.
        Disconnect("client disposed");
        await _gate.WaitAsync();
        try
        {
            Disconnect("client disposed");
            _deadline.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> with its own deadline, so that devices sharing this client each keep their
    /// timeout, and returns what <paramref name="handler"/> makes of the PDU of the reply with the same transaction
    /// id. The handler runs before the next request may start, because the PDU lies in the reader's buffer.
    /// </summary>
    /// <param name="messageDeviceId">Device name that the handler's errors and the request's own errors carry.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<TResult> ExecuteAsync<TResult>(
        byte unitId,
        ModbusRequest request,
        TimeSpan timeout,
        string messageDeviceId,
        ModbusReplyHandler<TResult> handler,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            var token = _deadline.Start(timeout, cancellationToken);
            try
            {
                var exchange = new Exchange(unitId, request, timeout, messageDeviceId, token);
                var reader = await EnsureConnectedAsync(exchange);
                await SendAndReceiveAsync(exchange, reader);
                return handler(reader.Pdu, request, messageDeviceId, unitId);
            }
            finally
            {
                _deadline.Stop();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    internal override ValueTask<TResult> ExchangeAsync<TResult>(
        byte unitId,
        ModbusRequest request,
        ModbusReplyHandler<TResult> handler,
        CancellationToken cancellationToken) =>
        ExecuteAsync(unitId, request, _options.Timeout, _options.DeviceId, handler, cancellationToken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<MbapFrameReader> EnsureConnectedAsync(Exchange exchange)
    {
        if (_stream is not null && _reader is not null)
        {
            return _reader;
        }

        Stream stream;
        try
        {
            stream = await _connect(exchange.Token);
        }
        catch (OperationCanceledException) when (_deadline.Expired)
        {
            var milliseconds = (long)exchange.Timeout.TotalMilliseconds;
            throw ConnectionFailed(exchange, connected: false, new TimeoutException(ModbusText.Format(CultureInfo.CurrentUICulture, "ConnectTimedOut", milliseconds)));
        }
        catch (Exception exception) when (exception is SocketException or IOException)
        {
            throw ConnectionFailed(exchange, connected: false, exception);
        }

        _stream = stream;
        _reader = new MbapFrameReader(stream);
        _consecutiveTimeouts = 0;
        _consecutiveMismatches = 0;
        ModbusLog.Connected(_logger, _options.DeviceId, Endpoint);
        return _reader;
    }

    /// <summary>Sends the request and reads until its reply, whose PDU is then <see cref="MbapFrameReader.Pdu"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAndReceiveAsync(Exchange exchange, MbapFrameReader reader)
    {
        var transactionId = unchecked(++_lastTransactionId);
        var length = Mbap.WriteAdu(_adu, transactionId, exchange.UnitId, exchange.Request.Pdu);
        var sent = false;
        try
        {
            await _stream!.WriteAsync(_adu.AsMemory(0, length), exchange.Token);
            sent = true;
            await ReceiveAsync(exchange, reader, transactionId);
        }
        catch (OperationCanceledException) when (_deadline.Expired)
        {
            OnTimeout(sent);
            throw new ModbusTimeoutException(
                exchange.DeviceId, exchange.UnitId, exchange.Request.Function, exchange.Request.Address, exchange.Timeout);
        }
        catch (OperationCanceledException) when (!sent)
        {
            // A write cut short may have left part of a request on the wire, so the next request needs a clean stream.
            Disconnect("request cancelled while sending");
            throw;
        }
        catch (MbapFramingException exception)
        {
            Disconnect("invalid MBAP header");
            throw new ModbusProtocolException(
                exchange.DeviceId, exchange.UnitId, exchange.Request.Function, exchange.Request.Address, exception.Error, exception.Value);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            Disconnect(exception.Message);
            throw ConnectionFailed(exchange, connected: true, exception);
        }
    }

    /// <summary>Reads frames until the one with <paramref name="transactionId"/> and drops earlier replies.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReceiveAsync(Exchange exchange, MbapFrameReader reader, ushort transactionId)
    {
        while (true)
        {
            var frame = await reader.ReadHeaderAsync(exchange.Token);
            if (frame.TransactionId != transactionId)
            {
                ModbusLog.StaleReplyDiscarded(_logger, _options.DeviceId, frame.TransactionId, transactionId);
                _consecutiveMismatches++;
                if (_consecutiveMismatches >= MaxConsecutiveMismatches)
                {
                    var count = _consecutiveMismatches;
                    Disconnect($"{count} replies in a row with a foreign transaction id");
                    throw new ModbusProtocolException(
                        exchange.DeviceId,
                        exchange.UnitId,
                        exchange.Request.Function,
                        exchange.Request.Address,
                        ModbusProtocolError.TransactionIdMismatch,
                        count);
                }

                continue;
            }

            _consecutiveMismatches = 0;
            _consecutiveTimeouts = 0;
            if (frame.UnitId != exchange.UnitId)
            {
                throw new ModbusProtocolException(
                    exchange.DeviceId,
                    exchange.UnitId,
                    exchange.Request.Function,
                    exchange.Request.Address,
                    ModbusProtocolError.UnitIdMismatch,
                    frame.UnitId);
            }

            return;
        }
    }

    private void OnTimeout(bool sent)
    {
        _consecutiveTimeouts++;
        if (!sent)
        {
            Disconnect("timed out while sending");
        }
        else if (_consecutiveTimeouts >= MaxConsecutiveTimeouts)
        {
            Disconnect(string.Create(CultureInfo.InvariantCulture, $"{_consecutiveTimeouts} requests in a row timed out"));
        }
    }

    private void Disconnect(string reason)
    {
        var stream = Interlocked.Exchange(ref _stream, null);
        _reader = null;
        if (stream is null)
        {
            return;
        }

        stream.Dispose();
        ModbusLog.Disconnected(_logger, _options.DeviceId, Endpoint, reason);
    }

    private ModbusConnectionException ConnectionFailed(Exchange exchange, bool connected, Exception cause) =>
        new(exchange.DeviceId, exchange.UnitId, exchange.Request.Function, exchange.Request.Address, Endpoint, connected, cause);

    private async ValueTask<Stream> ConnectSocketAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One request in flight: <see cref="Token"/> ends at the deadline or on the caller's cancel. Its errors name
    /// <see cref="DeviceId"/>, the device that sent it, also when several devices share this client.
    /// </summary>
    private readonly record struct Exchange(byte UnitId, ModbusRequest Request, TimeSpan Timeout, string DeviceId, CancellationToken Token);
}
