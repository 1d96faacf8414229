using System.IO.Ports;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Timing;
using SmartCampus.Edge.Drivers.Serial;

namespace SmartCampus.Edge.Drivers.Modbus.Rtu;

/// <summary>
/// One RS485 bus shared by the devices on it: a serial port, or a TCP converter that tunnels raw RTU frames. It sends
/// one transaction at a time, in priority order (<see cref="ModbusPollPriority"/>), waits the inter-frame silence
/// before each request, and reads the reply with <see cref="RtuFrameReader"/>. The port is opened on the first request
/// and opened again after an I/O error or repeated framing errors. Devices get their view through <see cref="CreateClient"/>.
/// </summary>
public sealed class ModbusRtuBus : IAsyncDisposable
{
    /// <summary>Silence that ends a partial frame through a tunnel, where TCP hides the serial timing.</summary>
    private static readonly TimeSpan TunnelSilence = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(3);

    private readonly ModbusRtuBusOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Func<CancellationToken, ValueTask<Stream>> _open;
    private readonly ModbusBusScheduler _scheduler = new();
    private readonly TimeSpan _characterTime;

    /// <summary>The request being sent. The bus runs one transaction at a time, so one buffer serves them all.</summary>
    private readonly byte[] _adu = new byte[RtuFrameReader.MaxFrameLength];

    /// <summary>The deadline of the transaction on the line, reused because the bus runs one at a time.</summary>
    private readonly ModbusRequestDeadline _deadline;

    /// <summary>The wait before each request, reused for the same reason.</summary>
    private readonly ReusableDelay _gap;

    private Stream? _stream;
    private RtuFrameReader? _reader;
    private bool _echoSeen;
    private long _lastSent;
    private int _consecutiveFramingErrors;
    private volatile bool _disposed;

    public ModbusRtuBus(ModbusRtuBusOptions options, TimeProvider timeProvider, ILogger logger)
        : this(options, timeProvider, logger, open: null)
    {
    }

    /// <summary>Creates a bus whose link comes from <paramref name="open"/>, so tests can pass any stream.</summary>
    internal ModbusRtuBus(
        ModbusRtuBusOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        Func<CancellationToken, ValueTask<Stream>>? open)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BaudRate, 1);
        if (open is null && options.TunnelHost is null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(options.PortName);
        }

        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _open = open ?? (options.TunnelHost is null ? OpenSerialAsync : ConnectTunnelAsync);
        _deadline = new ModbusRequestDeadline(timeProvider);
        _gap = new ReusableDelay(timeProvider);
        _characterTime = RtuTiming.CharacterTime(options.BaudRate, options.DataBits, options.Parity, options.StopBits);
        InterFrameGap = RtuTiming.FrameSilence(options.BaudRate, options.DataBits, options.Parity, options.StopBits);
        FrameSilence = options.FrameSilence ?? (options.TunnelHost is null ? InterFrameGap : TunnelSilence);
    }

    public string Name => _options.Name;

    /// <summary>Silence kept on the line between the end of one frame and the start of the next.</summary>
    public TimeSpan InterFrameGap { get; }

    /// <summary>Pause that ends a partial reply as noise.</summary>
    public TimeSpan FrameSilence { get; }

    public bool IsOpen => _stream is not null;

    /// <summary>Transactions waiting for the bus.</summary>
    public int QueueLength => _scheduler.QueueLength;

    /// <summary>
    /// Returns the register access of one device on this bus. Every client shares the bus's queue; its requests wait
    /// behind those of higher <paramref name="priority"/>.
    /// </summary>
    public ModbusRtuClient CreateClient(string deviceId, ModbusPollPriority priority, TimeSpan timeout, int retries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        return new ModbusRtuClient(this, deviceId, priority, timeout, retries, _timeProvider);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Close("bus disposed");
        await _scheduler.AcquireAsync(ModbusPollPriority.Safety, CancellationToken.None);
        try
        {
            Close("bus disposed");
            _deadline.Dispose();
            _gap.Dispose();
        }
        finally
        {
            _scheduler.Release();
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="unitId"/> and returns what <paramref name="handler"/> makes
    /// of the reply's PDU. The handler runs before the bus takes the next transaction, because the PDU lies in the
    /// reader's buffer.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<TResult> ExecuteAsync<TResult>(
        string deviceId,
        byte unitId,
        ModbusRequest request,
        ModbusPollPriority priority,
        TimeSpan timeout,
        ModbusReplyHandler<TResult> handler,
        CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _scheduler.AcquireAsync(priority, cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var exchange = new Exchange(deviceId, unitId, request);
            var reader = await EnsureOpenAsync(exchange, timeout, cancellationToken);
            await TransactAsync(exchange, reader, timeout, cancellationToken);
            return handler(reader.Reply, request, deviceId, unitId);
        }
        finally
        {
            _scheduler.Release();
        }
    }

    /// <summary>Runs one transaction on the line; the reply's PDU is then <see cref="RtuFrameReader.Reply"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask TransactAsync(Exchange exchange, RtuFrameReader reader, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var adu = _adu.AsMemory(0, WriteAdu(_adu, exchange.UnitId, exchange.Request.Pdu));

        // The deadline covers the bytes' own wire time, so a long reply at a low baud rate is not cut short.
        var wireTime = _characterTime * (adu.Length + ExpectedReplyLength(exchange.Request));
        var token = _deadline.Start(timeout + wireTime, cancellationToken);
        try
        {
            await AwaitGapAsync(reader, cancellationToken);
            reader.DiscardInput();
            await _stream!.WriteAsync(adu, token);
            await _stream.FlushAsync(token);
            _lastSent = _timeProvider.GetTimestamp();

            await reader.ReadNextReplyAsync(adu, FrameSilence, token);
            _consecutiveFramingErrors = 0;
        }
        catch (RtuDamagedReplyException)
        {
            // The reply was cut off or failed its CRC. Flush, wait for silence, and let the device's retries send it again.
            await RecoverAsync(reader, framing: true, cancellationToken);
            throw FramingError(exchange, reader);
        }
        catch (OperationCanceledException) when (_deadline.Expired)
        {
            var framing = reader.CrcErrors > 0 || reader.DiscardedBytes > 0;
            await RecoverAsync(reader, framing, cancellationToken);
            if (framing)
            {
                throw FramingError(exchange, reader);
            }

            throw new ModbusTimeoutException(exchange.DeviceId, exchange.UnitId, exchange.Request.Function, exchange.Request.Address, timeout);
        }
        catch (Exception exception) when (exception is IOException or EndOfStreamException or ObjectDisposedException
            or UnauthorizedAccessException or InvalidOperationException or SocketException)
        {
            Close(exception.Message);
            throw new ModbusConnectionException(
                exchange.DeviceId,
                exchange.UnitId,
                exchange.Request.Function,
                exchange.Request.Address,
                Name,
                connected: true,
                exception,
                serial: _options.TunnelHost is null);
        }
        finally
        {
            _deadline.Stop();
            _echoSeen |= reader.EchoSeen;
        }
    }

    /// <summary>
    /// After a failed transaction: waits for the line to go quiet so the rest of a late or broken reply cannot open
    /// the next one, and reopens the port after too many framing errors in a row.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RecoverAsync(RtuFrameReader reader, bool framing, CancellationToken cancellationToken)
    {
        if (framing)
        {
            _consecutiveFramingErrors++;
            ModbusLog.RtuFramingError(_logger, Name, reader.DiscardedBytes, reader.CrcErrors, _consecutiveFramingErrors);
            if (_consecutiveFramingErrors >= _options.MaxConsecutiveFramingErrors)
            {
                _consecutiveFramingErrors = 0;
                Close("framing errors in a row");
                return;
            }
        }

        try
        {
            await reader.AwaitSilenceAsync(FrameSilence, FrameSilence * 20, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or EndOfStreamException or ObjectDisposedException)
        {
            Close(exception.Message);
        }
    }

    /// <summary>Waits until the line has been quiet for <see cref="InterFrameGap"/> since the last byte sent or received.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AwaitGapAsync(RtuFrameReader reader, CancellationToken cancellationToken)
    {
        var last = Math.Max(_lastSent, reader.LastReceived);
        if (last == 0)
        {
            return;
        }

        var remaining = InterFrameGap - _timeProvider.GetElapsedTime(last);
        if (remaining > TimeSpan.Zero)
        {
            await _gap.WaitAsync(remaining, cancellationToken);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<RtuFrameReader> EnsureOpenAsync(Exchange exchange, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_stream is not null && _reader is not null)
        {
            return _reader;
        }

        // A reply timeout suits a serial line that responds in milliseconds, but a TCP connect may take longer (name
        // lookup, first SYN lost), so opening gets at least OpenTimeout.
        using var deadline = new CancellationTokenSource(timeout > OpenTimeout ? timeout : OpenTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        Stream stream;
        try
        {
            stream = await _open(linked.Token);
        }
        catch (OperationCanceledException exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw OpenFailed(exchange, new TimeoutException(exception.Message));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException
            or InvalidOperationException or SocketException)
        {
            throw OpenFailed(exchange, exception);
        }

        _stream = stream;
        _reader = new RtuFrameReader(stream, _timeProvider, _logger, Name) { EchoSeen = _echoSeen };
        _lastSent = 0;
        ModbusLog.RtuPortOpened(_logger, Name, _options.BaudRate, InterFrameGap.TotalMilliseconds);
        return _reader;
    }

    private static ModbusProtocolException FramingError(Exchange exchange, RtuFrameReader reader) =>
        new(exchange.DeviceId,
            exchange.UnitId,
            exchange.Request.Function,
            exchange.Request.Address,
            ModbusProtocolError.FramingError,
            reader.DiscardedBytes);

    private ModbusConnectionException OpenFailed(Exchange exchange, Exception cause) =>
        new(exchange.DeviceId,
            exchange.UnitId,
            exchange.Request.Function,
            exchange.Request.Address,
            Name,
            connected: false,
            cause,
            serial: _options.TunnelHost is null);

    private void Close(string reason)
    {
        var stream = Interlocked.Exchange(ref _stream, null);
        _reader = null;
        if (stream is null)
        {
            return;
        }

        stream.Dispose();
        ModbusLog.RtuPortClosed(_logger, Name, reason);
    }

    /// <summary>Builds an RTU ADU: address, PDU, CRC low byte first (§2.5.1).</summary>
    public static byte[] BuildAdu(byte unitId, ReadOnlySpan<byte> pdu)
    {
        var adu = new byte[pdu.Length + 3];
        WriteAdu(adu, unitId, pdu);
        return adu;
    }

    /// <summary>Writes the ADU into <paramref name="destination"/> and returns its length.</summary>
    internal static int WriteAdu(Span<byte> destination, byte unitId, ReadOnlySpan<byte> pdu)
    {
        destination[0] = unitId;
        pdu.CopyTo(destination[1..]);
        ModbusCrc.Write(destination[..(pdu.Length + 1)], destination[(pdu.Length + 1)..]);
        return pdu.Length + 3;
    }

    /// <summary>Length of a normal reply's ADU, for the deadline's wire time.</summary>
    private static int ExpectedReplyLength(ModbusRequest request) => request.Function switch
    {
        ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters
            or ModbusFunctionCode.ReadWriteMultipleRegisters => 5 + (2 * request.Quantity),
        ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs => 5 + ((request.Quantity + 7) / 8),
        _ => 8,
    };

    /// <summary>
    /// Opens the local port with the driver <see cref="ModbusRtuBusOptions.SerialDriver"/> selects: the Linux stream,
    /// whose reads allocate nothing, or System.IO.Ports.
    /// </summary>
    private ValueTask<Stream> OpenSerialAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_options.UsesLinuxStream)
        {
            return ValueTask.FromResult<Stream>(
                LinuxSerialStream.Open(_options.PortName, _options.BaudRate, _options.Parity, _options.DataBits, _options.StopBits));
        }

        var port = new SerialPort(_options.PortName, _options.BaudRate, _options.Parity, _options.DataBits, _options.StopBits)
        {
            Handshake = Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = SerialPort.InfiniteTimeout,
        };
        try
        {
            port.Open();
            port.DiscardInBuffer();
            return ValueTask.FromResult<Stream>(new SerialPortStream(port));
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    private async ValueTask<Stream> ConnectTunnelAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_options.TunnelHost!, _options.TunnelPort, cancellationToken);
            return new RtuTunnelStream(socket, _timeProvider, Name);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private readonly record struct Exchange(string DeviceId, byte UnitId, ModbusRequest Request);
}
