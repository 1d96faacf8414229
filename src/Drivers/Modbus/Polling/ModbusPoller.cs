using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Decoding;
using SmartCampus.Edge.Drivers.Modbus.Planning;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Timing;

namespace SmartCampus.Edge.Drivers.Modbus.Polling;

/// <summary>
/// Reads a device's planned requests on a fixed interval and publishes one sample per point per poll (fewer for
/// points with report-on-change): good with the decoded value, or bad with no value when its request failed. It never republishes an old value. An online or
/// offline event that a poll causes is published before that poll's samples.
/// </summary>
internal sealed class ModbusPoller
{
    private readonly string _deviceId;
    private readonly byte _unitId;
    private readonly IModbusClient _client;
    private readonly GatewayClock _clock;
    private readonly ILogger _logger;
    private readonly List<ModbusReadBlock> _blocks;
    private readonly HashSet<ModbusReadBlock> _failingBlocks = new(ReferenceEqualityComparer.Instance);
    private readonly ModbusDeviceHealth _health;
    private readonly ModbusChangeFilter _changes;

    /// <summary>Samples of the poll in progress. One poll runs at a time, so the list is reused and a poll allocates none.</summary>
    private readonly List<Sample> _samples = [];

    /// <summary>The request of each block, built once, for a client that reads through <see cref="ModbusClientBase.ExchangeAsync"/>.</summary>
    private readonly Dictionary<ModbusReadBlock, ModbusRequest> _requests = new(ReferenceEqualityComparer.Instance);

    /// <summary>Copies a reply's values into <see cref="_registers"/>; one delegate for the poller's life.</summary>
    private readonly ModbusReplyHandler<int> _copyReply;

    /// <summary>The backoff interval last logged; zero while the device is polled at its plain interval.</summary>
    private TimeSpan _loggedBackoff;

    /// <summary>
    /// Values of the block just read, one word per register or bit. Reused, because one poll runs at a time and its
    /// values are decoded into samples before the next read.
    /// </summary>
    private ushort[] _registers = [];

    public ModbusPoller(
        string deviceId,
        byte unitId,
        IModbusClient client,
        IReadOnlyList<ModbusReadBlock> blocks,
        GatewayClock clock,
        ILogger logger)
    {
        _deviceId = deviceId;
        _unitId = unitId;
        _client = client;
        _clock = clock;
        _logger = logger;
        _blocks = [.. blocks];
        _health = new ModbusDeviceHealth(deviceId, clock, logger);
        _changes = new ModbusChangeFilter(clock.TimeProvider);
        _copyReply = CopyReply;
    }

    /// <summary>Requests one poll currently sends.</summary>
    public int RequestCount => _blocks.Count;

    /// <summary>
    /// Polls until <paramref name="cancellationToken"/> is cancelled. Each poll starts <paramref name="pollInterval"/>
    /// after the previous one started. A poll that takes longer is followed at once by the next, and missed polls are
    /// not made up, so slow polls never pile up. With <paramref name="maxBackoff"/> set, an offline device is polled
    /// ever less often: the interval doubles with each failed poll up to that limit, which frees a shared bus for the
    /// devices that respond.
    /// </summary>
    public async Task RunAsync(IFieldSink sink, TimeSpan pollInterval, CancellationToken cancellationToken, TimeSpan? maxBackoff = null)
    {
        var time = _clock.TimeProvider;
        using var pause = new ReusableDelay(time);
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            try
            {
                await PollOnceAsync(sink, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A fault in one poll (a sink that throws, a bug) is logged and must not stop the device.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                ModbusLog.PollCrashed(_logger, _deviceId, exception);
            }

            var interval = maxBackoff is { } limit ? BackoffInterval(pollInterval, limit) : pollInterval;
            var remaining = interval - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                ModbusLog.PollOverran(
                    _logger, _deviceId, (long)(interval - remaining).TotalMilliseconds, (long)interval.TotalMilliseconds);
                continue;
            }

            try
            {
                await pause.WaitAsync(remaining, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>The poll interval doubled for each failed poll after the first, at most <paramref name="limit"/>.</summary>
    private TimeSpan BackoffInterval(TimeSpan pollInterval, TimeSpan limit)
    {
        var failed = _health.FailedPolls;
        if (failed <= 1 || limit <= pollInterval)
        {
            _loggedBackoff = TimeSpan.Zero;
            return pollInterval;
        }

        var factor = Math.Pow(2, Math.Min(failed - 1, 20));
        var interval = TimeSpan.FromTicks((long)Math.Min(pollInterval.Ticks * factor, limit.Ticks));

        // Logged when the interval changes only: once it reaches the limit, an offline device would log it every poll.
        if (interval != _loggedBackoff)
        {
            _loggedBackoff = interval;
            ModbusLog.BackingOff(_logger, _deviceId, (long)interval.TotalMilliseconds);
        }

        return interval;
    }

    /// <summary>Sends every planned request once, then publishes the online or offline event if it changed, then the samples.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask PollOnceAsync(IFieldSink sink, CancellationToken cancellationToken)
    {
        var samples = _samples;
        samples.Clear();
        var responded = false;
        ModbusException? linkFailure = null;
        ModbusException? anyFailure = null;

        for (var i = 0; i < _blocks.Count; i++)
        {
            var block = _blocks[i];

            // After a timeout or a lost connection the device is unlikely to respond to the rest of this poll. Marking the
            // remaining points bad at once keeps a dead device from costing one timeout per request.
            if (linkFailure is not null)
            {
                AddBad(samples, block);
                continue;
            }

            try
            {
                var registers = await ReadAsync(block, cancellationToken);
                responded = true;
                OnReadSucceeded(block);
                AddGood(samples, block, registers.Span);
            }
            catch (ModbusExceptionResponseException exception)
                when (exception.Code == ModbusExceptionCode.IllegalDataAddress && block.Points.Count > 1)
            {
                responded = true;
                SplitIntoPoints(i, block);
                i--; // read the first of the new requests next
            }
            catch (ModbusException exception)
            {
                responded |= exception is ModbusExceptionResponseException;
                anyFailure ??= exception;
                if (exception is ModbusTimeoutException or ModbusConnectionException)
                {
                    linkFailure = exception;
                }

                // The health tracker logs an unreachable device once, so only a read fault of a reachable device is logged here.
                if (linkFailure is null || responded)
                {
                    OnReadFailed(block, exception);
                }

                AddBad(samples, block);
            }
        }

        var change = _health.Record(responded, linkFailure ?? anyFailure);
        if (change is not null)
        {
            await sink.PublishEventAsync(change, cancellationToken);
        }

        try
        {
            foreach (var sample in samples)
            {
                await sink.PublishSampleAsync(sample, cancellationToken);
            }
        }
        finally
        {
            samples.Clear();
        }
    }

    /// <summary>
    /// Reads a block; coils and discrete inputs come back as one word per bit, 0 or 1. The driver's own clients fill
    /// <see cref="_registers"/> in place, and any other <see cref="IModbusClient"/> returns new arrays.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadOnlyMemory<ushort>> ReadAsync(ModbusReadBlock block, CancellationToken cancellationToken)
    {
        if (_client is ModbusClientBase client)
        {
            var count = await client.ExchangeAsync(_unitId, RequestOf(block), _copyReply, cancellationToken);
            return _registers.AsMemory(0, count);
        }

        switch (block.Kind)
        {
            case ModbusRegisterKind.Holding:
                return await _client.ReadHoldingRegistersAsync(_unitId, block.Address, block.Quantity, cancellationToken);
            case ModbusRegisterKind.Input:
                return await _client.ReadInputRegistersAsync(_unitId, block.Address, block.Quantity, cancellationToken);
            default:
                var bits = block.Kind == ModbusRegisterKind.Coil
                    ? await _client.ReadCoilsAsync(_unitId, block.Address, block.Quantity, cancellationToken)
                    : await _client.ReadDiscreteInputsAsync(_unitId, block.Address, block.Quantity, cancellationToken);
                return Array.ConvertAll(bits, bit => bit ? (ushort)1 : (ushort)0);
        }
    }

    private ModbusRequest RequestOf(ModbusReadBlock block)
    {
        if (_requests.TryGetValue(block, out var request))
        {
            return request;
        }

        request = block.Kind switch
        {
            ModbusRegisterKind.Holding => ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadHoldingRegisters, block.Address, block.Quantity),
            ModbusRegisterKind.Input => ModbusRequest.ReadRegisters(ModbusFunctionCode.ReadInputRegisters, block.Address, block.Quantity),
            ModbusRegisterKind.Coil => ModbusRequest.ReadBits(ModbusFunctionCode.ReadCoils, block.Address, block.Quantity),
            _ => ModbusRequest.ReadBits(ModbusFunctionCode.ReadDiscreteInputs, block.Address, block.Quantity),
        };
        _requests.Add(block, request);
        if (_registers.Length < block.Quantity)
        {
            _registers = new ushort[block.Quantity];
        }

        return request;
    }

    /// <summary>Checks a read reply and copies its values into <see cref="_registers"/>; returns their count.</summary>
    private int CopyReply(ReadOnlySpan<byte> pdu, ModbusRequest request, string deviceId, byte unitId)
    {
        var destination = _registers.AsSpan(0, request.Quantity);
        if (request.Function is ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs)
        {
            ModbusReplyParser.ParseReadBits(pdu, request, deviceId, unitId, destination);
        }
        else
        {
            ModbusReplyParser.ParseReadRegisters(pdu, request, deviceId, unitId, destination);
        }

        return request.Quantity;
    }

    /// <summary>
    /// Replaces a merged request that the device rejected with illegal data address by one request per point, for
    /// the rest of the driver's life. A register between two points, or a point the device lacks, then fails alone
    /// and no longer takes its neighbours down.
    /// </summary>
    private void SplitIntoPoints(int index, ModbusReadBlock block)
    {
        _failingBlocks.Remove(block);
        _requests.Remove(block);
        _blocks.RemoveAt(index);
        var parts = block.Points
            .Select(point => new ModbusReadBlock(block.Kind, point.Address, (ushort)point.RegisterCount, [point]))
            .ToList();
        _blocks.InsertRange(index, parts);

        ModbusLog.ReadSplit(_logger, _deviceId, block.Address, block.Address + block.Quantity - 1, block.Points.Count);
    }

    private void AddGood(List<Sample> samples, ModbusReadBlock block, ReadOnlySpan<ushort> registers)
    {
        var time = _clock.UtcNow;
        var stamp = _clock.Stamp();

        // An index loop, because foreach over the IReadOnlyList would box its enumerator on every poll.
        var points = block.Points;
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var slice = registers.Slice(block.OffsetOf(point), point.RegisterCount);
            var pointId = new PointId(_deviceId, point.Name);
            var value = ModbusPointDecoder.Decode(point, slice);
            if (value.Kind == PointValueKind.None)
            {
                var raw = ModbusValueCodec.DecodeScaled(slice, point.Type, point.Order, point.Scale, point.Offset);
                ModbusLog.NonFiniteValue(_logger, pointId, raw);
                Add(samples, point, new Sample(pointId, PointValue.None, Quality.Bad, time, stamp));
                continue;
            }

            Add(samples, point, new Sample(pointId, value, Quality.Good, time, stamp));
        }
    }

    private void AddBad(List<Sample> samples, ModbusReadBlock block)
    {
        var time = _clock.UtcNow;
        var stamp = _clock.Stamp();
        var points = block.Points;
        for (var i = 0; i < points.Count; i++)
        {
            Add(samples, points[i], new Sample(new PointId(_deviceId, points[i].Name), PointValue.None, Quality.Bad, time, stamp));
        }
    }

    private void Add(List<Sample> samples, ModbusPointOptions point, Sample sample)
    {
        if (_changes.ShouldPublish(point, sample))
        {
            samples.Add(sample);
        }
    }

    private void OnReadSucceeded(ModbusReadBlock block)
    {
        if (_failingBlocks.Remove(block))
        {
            ModbusLog.ReadRecovered(_logger, block.Kind, block.Address, block.Address + block.Quantity - 1, _deviceId);
        }
    }

    private void OnReadFailed(ModbusReadBlock block, ModbusException exception)
    {
        var last = block.Address + block.Quantity - 1;
        var error = exception.GetMessage(CultureInfo.InvariantCulture);
        if (_failingBlocks.Add(block))
        {
            ModbusLog.ReadFailed(_logger, block.Kind, block.Address, last, _deviceId, error, exception);
        }
        else
        {
            ModbusLog.ReadFailedAgain(_logger, block.Kind, block.Address, last, _deviceId, error);
        }
    }
}
