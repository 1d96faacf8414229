using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Tcp;

namespace SmartCampus.Edge.Drivers.Modbus.Simulation;

/// <summary>
/// A Modbus TCP server that plays one device: one unit id with a holding and an input register bank starting at
/// address 0. It serves FC3, FC4, FC6 and FC16, returns exception 02 (illegal data address) for registers outside a
/// bank and exception 01 for other functions, and stays silent to other unit ids, as a serial device behind a
/// gateway does. Registers can be set from code at any time, from any thread.
/// </summary>
public sealed class ModbusTcpSimulator : IAsyncDisposable
{
    private readonly ModbusRegisterBank _holding;
    private readonly ModbusRegisterBank _input;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly Lock _lock = new();

    private TcpListener? _listener;
    private CancellationTokenSource? _stopping;
    private Task _acceptLoop = Task.CompletedTask;

    /// <param name="address">Address to listen on, such as <see cref="IPAddress.Loopback"/>.</param>
    /// <param name="port">TCP port. 0 picks a free one at the first start, and later starts reuse it.</param>
    /// <param name="unitId">The only unit id the simulator responds to.</param>
    /// <param name="holdingRegisterCount">Holding registers at addresses 0..count-1.</param>
    /// <param name="inputRegisterCount">Input registers at addresses 0..count-1.</param>
    /// <param name="logger">Optional logger.</param>
    public ModbusTcpSimulator(
        IPAddress address,
        int port,
        byte unitId,
        int holdingRegisterCount = 1000,
        int inputRegisterCount = 1000,
        ILogger<ModbusTcpSimulator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);

        Address = address;
        Port = port;
        UnitId = unitId;
        _holding = new ModbusRegisterBank(holdingRegisterCount);
        _input = new ModbusRegisterBank(inputRegisterCount);
        _logger = logger ?? NullLogger<ModbusTcpSimulator>.Instance;
    }

    public IPAddress Address { get; }

    /// <summary>The port listened on, which after the first start is the port actually bound.</summary>
    public int Port { get; private set; }

    public byte UnitId { get; }

    public bool IsRunning => _listener is not null;

    /// <summary>Starts listening, or throws <see cref="SocketException"/> when the port is taken.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_listener is not null)
            {
                throw new InvalidOperationException("The simulator is already running.");
            }

            var listener = new TcpListener(Address, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;

            _listener = listener;
            _stopping = new CancellationTokenSource();
            _acceptLoop = AcceptLoopAsync(listener, _stopping.Token);
        }

        ModbusLog.SimulatorListening(_logger, UnitId, Endpoint);
        return Task.CompletedTask;
    }

    /// <summary>Stops listening and closes every open connection. <see cref="StartAsync"/> may follow on the same port.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        TcpListener? listener;
        CancellationTokenSource? stopping;
        lock (_lock)
        {
            listener = _listener;
            stopping = _stopping;
            _listener = null;
            _stopping = null;
        }

        if (listener is null || stopping is null)
        {
            return;
        }

        await stopping.CancelAsync();
        listener.Stop();
        await _acceptLoop.WaitAsync(cancellationToken);
        await Task.WhenAll(_connections.Keys).WaitAsync(cancellationToken);
        stopping.Dispose();

        ModbusLog.SimulatorStopped(_logger, Endpoint);
    }

    public void SetHoldingRegister(ushort address, ushort value) => _holding.Write(address, [value]);

    /// <summary>Sets consecutive holding registers starting at <paramref name="address"/> in one step.</summary>
    public void SetHoldingRegisters(ushort address, params ReadOnlySpan<ushort> values) => _holding.Write(address, values);

    public ushort GetHoldingRegister(ushort address) => _holding.Read(address, 1)[0];

    public void SetInputRegister(ushort address, ushort value) => _input.Write(address, [value]);

    /// <summary>Sets consecutive input registers starting at <paramref name="address"/> in one step.</summary>
    public void SetInputRegisters(ushort address, params ReadOnlySpan<ushort> values) => _input.Write(address, values);

    public ushort GetInputRegister(ushort address) => _input.Read(address, 1)[0];

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private string Endpoint => new IPEndPoint(Address, Port).ToString();

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stopping);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var connection = ServeAsync(socket, stopping);
            _connections.TryAdd(connection, true);
            _ = connection.ContinueWith(
                finished => _connections.TryRemove(finished, out _),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken stopping)
    {
        await Task.Yield();

        var remote = socket.RemoteEndPoint?.ToString() ?? "unknown";
        string reason;
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = new MbapFrameReader(stream);
        try
        {
            while (true)
            {
                var frame = await reader.ReadFrameAsync(stopping);
                if (frame.UnitId != UnitId)
                {
                    ModbusLog.SimulatorOtherUnit(_logger, frame.UnitId, UnitId);
                    continue;
                }

                var reply = ModbusSimulatorProcessor.Process(frame.Pdu, _holding, _input);
                await stream.WriteAsync(Mbap.BuildAdu(frame.TransactionId, frame.UnitId, reply), stopping);
            }
        }
        catch (OperationCanceledException)
        {
            reason = "simulator stopped";
        }
        catch (Exception exception) when (exception is IOException or SocketException or MbapFramingException)
        {
            reason = exception.Message;
        }

        ModbusLog.SimulatorConnectionClosed(_logger, remote, reason);
    }
}
