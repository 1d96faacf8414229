using System.Globalization;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Abstractions;
using SmartCampus.Edge.Drivers.Modbus.Decoding;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;

namespace SmartCampus.Edge.Drivers.Modbus.Writing;

/// <summary>
/// Writes a value in engineering units to a holding-register point (FC6 for a one-register type, FC16 otherwise or
/// when the point asks for block writes) or on/off to a coil (FC5, or FC15), optionally reading it back.
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

        if (ReadOnlyText(point, culture) is { } readOnly)
        {
            return Fail(readOnly, pointName);
        }

        try
        {
            if (point.Function == ModbusRegisterKind.Coil)
            {
                return await WriteCoilAsync(point, value, culture, cancellationToken);
            }

            return point.IsText
                ? await WriteTextAsync(point, value, culture, cancellationToken)
                : await WriteRegistersAsync(point, value, culture, cancellationToken);
        }
        catch (ModbusException exception)
        {
            return Fail(exception.Message, pointName);
        }
    }

    private async Task<DriverWriteResult> WriteCoilAsync(ModbusPointOptions point, PointValue value, CultureInfo culture, CancellationToken cancellationToken)
    {
        if (!value.TryGetNumber(out var number) || number is not (0 or 1))
        {
            return Fail(ModbusText.Format(culture, "WriteNotBoolean", _deviceId, point.Name, value), point.Name);
        }

        var on = number == 1;
        if (point.WriteMode == ModbusWriteMode.Multiple)
        {
            await _client.WriteMultipleCoilsAsync(_unitId, point.Address, new[] { on }, cancellationToken);
        }
        else
        {
            await _client.WriteSingleCoilAsync(_unitId, point.Address, on, cancellationToken);
        }

        if (point.VerifyWrite)
        {
            var read = await _client.ReadCoilsAsync(_unitId, point.Address, 1, cancellationToken);
            if (read[0] != on)
            {
                return Fail(ModbusText.Format(culture, "WriteVerifyFailed", _deviceId, point.Name, OnOff(culture, read[0]), OnOff(culture, on)), point.Name);
            }
        }

        ModbusLog.Written(_logger, number, new PointId(_deviceId, point.Name), 1, point.Address);
        return DriverWriteResult.Success;
    }

    /// <summary>Writes a string point with FC16 (FC6 for a one-register string in auto mode), padded with NUL to its length.</summary>
    private async Task<DriverWriteResult> WriteTextAsync(ModbusPointOptions point, PointValue value, CultureInfo culture, CancellationToken cancellationToken)
    {
        if (value.Kind != PointValueKind.Text || value.Text is null)
        {
            return Fail(ModbusText.Format(culture, "WriteNotText", _deviceId, point.Name, value), point.Name);
        }

        var text = value.Text;
        var order = point.WriteOrder ?? point.Order;
        var registers = new ushort[point.RegisterCount];
        if (!ModbusValueCodec.TryEncodeString(text, order, registers))
        {
            return Fail(ModbusText.Format(culture, "WriteTextInvalid", _deviceId, point.Name, text, 2 * registers.Length), point.Name);
        }

        await WriteRegisterBlockAsync(point, registers, cancellationToken);

        if (point.VerifyWrite)
        {
            // A device with a separate write order still returns the text in its read order.
            var expected = new ushort[registers.Length];
            _ = ModbusValueCodec.TryEncodeString(text, point.Order, expected);
            var read = await _client.ReadHoldingRegistersAsync(_unitId, point.Address, (ushort)registers.Length, cancellationToken);
            if (!read.AsSpan().SequenceEqual(expected))
            {
                var got = ModbusValueCodec.DecodeString(read, point.Order);
                return Fail(ModbusText.Format(culture, "WriteVerifyFailed", _deviceId, point.Name, got, text), point.Name);
            }
        }

        ModbusLog.WroteText(_logger, text.Length, new PointId(_deviceId, point.Name), registers.Length, point.Address);
        return DriverWriteResult.Success;
    }

    private async Task WriteRegisterBlockAsync(ModbusPointOptions point, ushort[] registers, CancellationToken cancellationToken)
    {
        if (registers.Length == 1 && point.WriteMode == ModbusWriteMode.Auto)
        {
            await _client.WriteSingleRegisterAsync(_unitId, point.Address, registers[0], cancellationToken);
        }
        else
        {
            await _client.WriteMultipleRegistersAsync(_unitId, point.Address, registers, cancellationToken);
        }
    }

    private async Task<DriverWriteResult> WriteRegistersAsync(ModbusPointOptions point, PointValue value, CultureInfo culture, CancellationToken cancellationToken)
    {
        if (!value.TryGetNumber(out var number))
        {
            return Fail(ModbusText.Format(culture, "WriteNotNumber", _deviceId, point.Name, value), point.Name);
        }

        var order = point.WriteOrder ?? point.Order;
        var registers = new ushort[point.RegisterCount];
        if (!ModbusValueCodec.TryEncodeScaled(number, point.Type, order, point.Scale, point.Offset, registers))
        {
            var (min, max) = ModbusValueRange.Writable(point.Type, point.Scale, point.Offset);
            return Fail(
                ModbusText.Format(culture, "WriteOutOfRange", _deviceId, point.Name, number, ModbusValueRange.TypeName(point.Type), min.ToString("G10", culture), max.ToString("G10", culture)),
                point.Name);
        }

        await WriteRegisterBlockAsync(point, registers, cancellationToken);

        if (point.VerifyWrite)
        {
            // A device with a separate write order still returns the value in its read order. Encoding the same
            // number again in that order gives the registers to expect, with the same rounding as the write.
            var expected = new ushort[registers.Length];
            _ = ModbusValueCodec.TryEncodeScaled(number, point.Type, point.Order, point.Scale, point.Offset, expected);
            var read = await _client.ReadHoldingRegistersAsync(_unitId, point.Address, (ushort)registers.Length, cancellationToken);
            if (!read.AsSpan().SequenceEqual(expected))
            {
                var got = ModbusValueCodec.DecodeScaled(read, point.Type, point.Order, point.Scale, point.Offset);
                return Fail(ModbusText.Format(culture, "WriteVerifyFailed", _deviceId, point.Name, got, number), point.Name);
            }
        }

        ModbusLog.Written(_logger, number, new PointId(_deviceId, point.Name), registers.Length, point.Address);
        return DriverWriteResult.Success;
    }

    /// <summary>Returns why the point cannot be written, naming its table or bit, or null when it can be.</summary>
    private string? ReadOnlyText(ModbusPointOptions point, CultureInfo culture)
    {
        // NOTE: a bit of a register would need a read-modify-write that races with the device; it stays read-only.
        var key = point.Function switch
        {
            ModbusRegisterKind.Input => "WriteReadOnly",
            ModbusRegisterKind.DiscreteInput => "WriteReadOnlyDiscrete",
            ModbusRegisterKind.Holding when point.Bit is not null => "WriteReadOnlyBit",
            _ => null,
        };

        if (key is null && point.RegisterCount > ModbusLimits.MaxWriteRegisters)
        {
            // A point of 124 or 125 registers fits one read (FC3) but not one FC16 write (§6.12), and is never split.
            return ModbusText.Format(culture, "WriteTooLong", _deviceId, point.Name, point.RegisterCount, ModbusLimits.MaxWriteRegisters);
        }

        return key is null ? null : ModbusText.Format(culture, key, _deviceId, point.Name, point.Bit);
    }

    private DriverWriteResult Fail(string error, string pointName)
    {
        ModbusLog.WriteFailed(_logger, new PointId(_deviceId, pointName), error);
        return DriverWriteResult.Failure(error);
    }

    /// <summary>A coil state as the operator reads it ("on", "off"), not as .NET prints a bool.</summary>
    private static string OnOff(CultureInfo culture, bool on) => ModbusText.Format(culture, on ? "CoilOn" : "CoilOff");
}
