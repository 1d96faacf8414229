using System.Globalization;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>
/// Reads a <c>setOutput</c> action. A GPIO output, a coil or a register bit takes <c>true</c> or <c>false</c>; a whole
/// holding register also takes a number of its type, and then needs the <c>safeValue</c> it returns to.
/// </summary>
internal static class SetOutputReader
{
    private const string NumberExample = "40";

    public static SetOutputActionConfiguration Read(MappingReader action, ValueReader pointValue)
    {
        var point = pointValue.RequiredPointReference("fire-panel.siren");
        var shape = ModbusShape(pointValue, point);
        if (shape is null)
        {
            pointValue.RequireSignal(point, PointSignal.GpioOutput, MessageKeys.SetOutputNeedsGpioOutput);
        }

        var pulse = action.Key("pulse").OptionalDuration(TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), "5s");
        var (value, safeValue) = shape is { TakesNumbers: true }
            ? ReadNumbers(action, point!.Value.Id, shape)
            : ReadBooleans(action);

        if (point is { } output && safeValue is { Kind: PointValueKind.Boolean, Boolean: true } && IsEscapeLock(pointValue, output.Id))
        {
            var safeKey = action.Key("safeValue");
            safeKey.Report(ConfigurationProblemKind.InvalidValue, safeKey.RawText, new ProblemMessage(MessageKeys.EscapeLockSafeValueLocked, output.Id.ToString(), "safeValue: false"));
        }

        return new SetOutputActionConfiguration
        {
            Point = point?.Id ?? default,
            Value = value ?? PointValue.FromBoolean(false),
            Pulse = pulse,
            SafeValue = safeValue,
        };
    }

    private static (PointValue? Value, PointValue? SafeValue) ReadBooleans(MappingReader action)
    {
        var value = action.Key("value").RequiredBoolean("true");
        var safeValue = action.Key("safeValue").OptionalBoolean("false");
        return (value is { } on ? PointValue.FromBoolean(on) : null, safeValue is { } safe ? PointValue.FromBoolean(safe) : null);
    }

    /// <summary>
    /// Reads the value and safe value of a holding register. A number must fit the register's type after scale and
    /// offset; with a number, the safe value is required because no opposite value exists to return to.
    /// </summary>
    private static (PointValue? Value, PointValue? SafeValue) ReadNumbers(MappingReader action, PointId point, ModbusOutputShape shape)
    {
        var valueKey = action.Key("value");
        var value = ReadNumber(valueKey, point, shape, required: true);
        var safeKey = action.Key("safeValue");
        var safeValue = ReadNumber(safeKey, point, shape, required: false);
        if (value is { Kind: PointValueKind.Number } number && !safeKey.IsPresent)
        {
            var message = new ProblemMessage(MessageKeys.SetOutputSafeValueMissing, number.ToString(), point.ToString(), "safeValue: 0");
            action.Context.Problems.Add(ConfigurationProblemKind.MissingKey, valueKey.Node!.Start, KeyPath.Child(action.Path, "safeValue"), null, message);
        }

        return (value, safeValue);
    }

    private static PointValue? ReadNumber(ValueReader key, PointId point, ModbusOutputShape shape, bool required)
    {
        var value = PointValueReader.Read(key, NumberExample, required);
        if (value is null)
        {
            return null;
        }

        if (value.Value.Kind is not (PointValueKind.Number or PointValueKind.Boolean))
        {
            key.ReportWrongValue(ConfigurationProblemKind.WrongType, key.RawText ?? string.Empty, Expect.Number, NumberExample);
            return null;
        }

        if (value.Value.Kind == PointValueKind.Number && !shape.Fits(value.Value.Number))
        {
            var text = value.Value.Number.ToString("G", CultureInfo.InvariantCulture);
            var (min, max) = shape.DescribeRange();
            var message = new ProblemMessage(MessageKeys.SetOutputValueOutOfRange, text, point.ToString(), shape.DescribeType(), min, max, key.Snippet(NumberExample));
            key.Report(ConfigurationProblemKind.OutOfRange, text, message);
            return null;
        }

        return value;
    }

    private static bool IsEscapeLock(ValueReader pointValue, PointId point) =>
        pointValue.Context.Devices.TryGet(point.Device, out var device) && device.IsEscapeLock(point.Point);

    // A coil or holding register takes a setOutput like a relay; the engine holds it as it holds a GPIO line.
    private static ModbusOutputShape? ModbusShape(ValueReader pointValue, ResolvedPoint? point) =>
        point is { Signal: PointSignal.Number } modbus
            && pointValue.Context.Devices.TryGet(modbus.Id.Device, out var device)
            && device.TryGetModbusOutputShape(modbus.Id.Point, out var shape)
            ? shape
            : null;
}
