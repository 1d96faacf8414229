using System.Globalization;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Decoding;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus.Writing;

/// <summary>
/// Writes a value in engineering units to a holding-register point: FC6 for a one-register type, FC16 otherwise.
/// Expected failures come back as <see cref="DriverWriteResult"/> with operator text, never as exceptions.
/// </summary>
internal sealed class ModbusPointWriter
{
    private readonly string _deviceId;
    private readonly byte _unitId;
    private readonly IModbusClient _client;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ModbusPointOptions> _points;

    public ModbusPointWriter(string deviceId, byte unitId, IModbusClient client, IEnumerable<ModbusPointOptions> points, ILogger logger)
    {
        _deviceId = deviceId;
        _unitId = unitId;
        _client = client;
        _logger = logger;
        _points = points.ToDictionary(point => point.Name, StringComparer.Ordinal);
    }

    public async ValueTask<DriverWriteResult> WriteAsync(string pointName, PointValue value, CancellationToken cancellationToken)
    {
        var culture = CultureInfo.CurrentUICulture;
        if (!_points.TryGetValue(pointName, out var point))
        {
            return Fail(ModbusText.Format(culture, "WriteUnknownPoint", _deviceId, pointName), pointName);
        }

        if (point.Function != ModbusRegisterKind.Holding)
        {
            return Fail(ModbusText.Format(culture, "WriteReadOnly", _deviceId, pointName), pointName);
        }

        if (!value.TryGetNumber(out var number))
        {
            return Fail(ModbusText.Format(culture, "WriteNotNumber", _deviceId, pointName, value), pointName);
        }

        var registers = new ushort[point.RegisterCount];
        if (!ModbusValueCodec.TryEncodeScaled(number, point.Type, point.Order, point.Scale, point.Offset, registers))
        {
            return Fail(ModbusText.Format(culture, "WriteOutOfRange", _deviceId, pointName, number, point.Type), pointName);
        }

        try
        {
            await SendAsync(point.Address, registers, cancellationToken);
        }
        catch (ModbusException exception)
        {
            return Fail(exception.Message, pointName);
        }

        ModbusLog.Written(_logger, number, new PointId(_deviceId, pointName), registers.Length, point.Address);
        return DriverWriteResult.Success;
    }

    private Task SendAsync(ushort address, ushort[] registers, CancellationToken cancellationToken) =>
        registers.Length == 1
            ? _client.WriteSingleRegisterAsync(_unitId, address, registers[0], cancellationToken)
            : _client.WriteMultipleRegistersAsync(_unitId, address, registers, cancellationToken);

    private DriverWriteResult Fail(string error, string pointName)
    {
        ModbusLog.WriteFailed(_logger, new PointId(_deviceId, pointName), error);
        return DriverWriteResult.Failure(error);
    }
}
