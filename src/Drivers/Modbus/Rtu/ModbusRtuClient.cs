using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus.Rtu;

/// <summary>
/// Register access of one device on a <see cref="ModbusRtuBus"/>, with the device's timeout, retries and priority.
/// A timeout or framing error is retried; an exception response and a broken port are not. Counters are kept per
/// device and read with <see cref="GetCounters"/>.
/// </summary>
public sealed class ModbusRtuClient : IModbusClient
{
    private readonly ModbusRtuBus _bus;
    private readonly string _deviceId;
    private readonly ModbusPollPriority _priority;
    private readonly TimeSpan _timeout;
    private readonly int _retries;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _countersLock = new();
    private ModbusCounters _counters = new();

    internal ModbusRtuClient(
        ModbusRtuBus bus,
        string deviceId,
        ModbusPollPriority priority,
        TimeSpan timeout,
        int retries,
        TimeProvider timeProvider)
    {
        _bus = bus;
        _deviceId = deviceId;
        _priority = priority;
        _timeout = timeout;
        _retries = retries;
        _timeProvider = timeProvider;
    }

    public string DeviceId => _deviceId;

    public ModbusRtuBus Bus => _bus;

    /// <summary>A copy of the counters so far.</summary>
    public ModbusCounters GetCounters()
    {
        lock (_countersLock)
        {
            return _counters;
        }
    }

    public async Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadHoldingRegisters, address, quantity);
        var reply = await ExecuteAsync(unitId, request, cancellationToken);
        return ModbusReplyParser.ParseReadRegisters(reply, request, _deviceId, unitId);
    }

    public async Task<ushort[]> ReadInputRegistersAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadInputRegisters, address, quantity);
        var reply = await ExecuteAsync(unitId, request, cancellationToken);
        return ModbusReplyParser.ParseReadRegisters(reply, request, _deviceId, unitId);
    }

    public async Task<bool[]> ReadCoilsAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.ReadBits(ModbusFunctionCode.ReadCoils, address, quantity);
        var reply = await ExecuteAsync(unitId, request, cancellationToken);
        return ModbusReplyParser.ParseReadBits(reply, request, _deviceId, unitId);
    }

    public async Task<bool[]> ReadDiscreteInputsAsync(byte unitId, ushort address, ushort quantity, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.ReadBits(ModbusFunctionCode.ReadDiscreteInputs, address, quantity);
        var reply = await ExecuteAsync(unitId, request, cancellationToken);
        return ModbusReplyParser.ParseReadBits(reply, request, _deviceId, unitId);
    }

    public async Task WriteSingleCoilAsync(byte unitId, ushort address, bool value, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.WriteSingleCoil(address, value);
        var reply = await ExecuteAsync(unitId, request, cancellationToken);
        ModbusReplyParser.ParseWrite(reply, request, _deviceId, unitId);
    }

    public async Task WriteMultipleCoilsAsync(byte unitId, ushort address, ReadOnlyMemory<bool> values, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.WriteMultipleCoils(address, values.Span);
        var reply = await ExecuteAsync(unitId, request, cancellationToken);
        ModbusReplyParser.ParseWrite(reply, request, _deviceId, unitId);
    }

    public async Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.WriteSingleRegister(address, value);
        var reply = await ExecuteAsync(unitId, request, cancellationToken);
        ModbusReplyParser.ParseWrite(reply, request, _deviceId, unitId);
    }

    public async Task WriteMultipleRegistersAsync(byte unitId, ushort address, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken)
    {
        var request = ModbusRequest.WriteMultipleRegisters(address, values.Span);
        var reply = await ExecuteAsync(unitId, request, cancellationToken);
        ModbusReplyParser.ParseWrite(reply, request, _deviceId, unitId);
    }

    public async Task<ModbusDeviceIdResponse> ReadDeviceIdentificationAsync(
        byte unitId,
        ModbusDeviceIdReadCode readCode,
        byte objectId,
        CancellationToken cancellationToken)
    {
        var request = ModbusRequest.ReadDeviceIdentification(readCode, objectId);
        var reply = await ExecuteAsync(unitId, request, cancellationToken);
        return ModbusReplyParser.ParseDeviceIdentification(reply, request, _deviceId, unitId);
    }

    /// <summary>The bus belongs to all its devices, so a device's client leaves it open.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<byte[]> ExecuteAsync(byte unitId, ModbusRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var started = _timeProvider.GetTimestamp();
            try
            {
                var reply = await _bus.ExecuteAsync(_deviceId, unitId, request, _priority, _timeout, cancellationToken);
                Count(started, reply.Length > 0 && (reply[0] & 0x80) != 0 ? Outcome.ExceptionResponse : Outcome.Response);
                return reply;
            }
            catch (ModbusTimeoutException) when (attempt < _retries)
            {
                Count(started, Outcome.Timeout);
            }
            catch (ModbusProtocolException exception) when (exception.Error == ModbusProtocolError.FramingError && attempt < _retries)
            {
                Count(started, Outcome.FramingError);
            }
            catch (ModbusException exception)
            {
                Count(started, exception switch
                {
                    ModbusTimeoutException => Outcome.Timeout,
                    ModbusConnectionException => Outcome.ConnectionError,
                    ModbusProtocolException { Error: ModbusProtocolError.FramingError } => Outcome.FramingError,
                    _ => Outcome.ProtocolError,
                });
                throw;
            }
        }
    }

    private void Count(long started, Outcome outcome)
    {
        var latency = _timeProvider.GetElapsedTime(started);
        lock (_countersLock)
        {
            var c = _counters;
            _counters = outcome switch
            {
                Outcome.Response => c with { Requests = c.Requests + 1, Responses = c.Responses + 1 },
                Outcome.ExceptionResponse => c with { Requests = c.Requests + 1, ExceptionResponses = c.ExceptionResponses + 1 },
                Outcome.Timeout => c with { Requests = c.Requests + 1, Timeouts = c.Timeouts + 1 },
                Outcome.FramingError => c with { Requests = c.Requests + 1, FramingErrors = c.FramingErrors + 1 },
                Outcome.ConnectionError => c with { Requests = c.Requests + 1, ConnectionErrors = c.ConnectionErrors + 1 },
                _ => c with { Requests = c.Requests + 1, ProtocolErrors = c.ProtocolErrors + 1 },
            };

            if (outcome is Outcome.Response or Outcome.ExceptionResponse)
            {
                _counters = _counters with
                {
                    TotalLatency = _counters.TotalLatency + latency,
                    MaxLatency = latency > _counters.MaxLatency ? latency : _counters.MaxLatency,
                };
            }
        }
    }

    private enum Outcome
    {
        Response,
        ExceptionResponse,
        Timeout,
        FramingError,
        ConnectionError,
        ProtocolError,
    }
}
