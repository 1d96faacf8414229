using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Devices;

/// <summary>Reads one point of a gpio device; debounce belongs to inputs and safeState to outputs.</summary>
internal static class GpioPointReader
{
    public const string ItemExample = "{id: smoke, direction: input, pin: 17}";

    private static readonly ChoiceSet<GpioDirection> Directions = new(
        ("input", GpioDirection.Input),
        ("output", GpioDirection.Output));

    public static GpioPointConfiguration Read(MappingReader point, DeviceEntry device, UniqueIds pointIds, PinRegistry pins)
    {
        var idValue = point.Key("id");
        var id = idValue.RequiredId("smoke");
        var direction = point.Key("direction").RequiredChoice(Directions);
        if (id is not null && pointIds.Add(id, idValue))
        {
            device.AddPoint(id, SignalOf(direction));
        }

        var pinValue = point.Key("pin");
        var pin = pinValue.RequiredInteger(0, 65535, "17");
        if (pin is { } line)
        {
            pins.Add(line, pinValue);
        }

        var activeLow = point.Key("activeLow").OptionalBoolean("true");
        var debounce = ReadDebounce(point.Key("debounce"), direction);
        var safeState = ReadSafeState(point.Key("safeState"), direction);
        var pulse = point.Key("pulse").OptionalDuration(TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1), "3s");
        var escapeLock = EscapeLockReader.Read(point, device, id, isOutput: direction != GpioDirection.Input);
        if (escapeLock && direction == GpioDirection.Output)
        {
            EscapeLockReader.CheckSafeState(point, device, id, safeState, reportMissing: false);
        }

        if (pulse is not null && direction == GpioDirection.Input)
        {
            point.Key("pulse").Report(ConfigurationProblemKind.InvalidCombination, point.Key("pulse").RawText, new ProblemMessage(MessageKeys.PulseOnInput));
            pulse = null;
        }
        point.ReportUnknownKeys();

        return new GpioPointConfiguration
        {
            Id = id ?? string.Empty,
            Direction = direction ?? GpioDirection.Input,
            Pin = pin ?? 0,
            ActiveLow = activeLow ?? false,
            Debounce = debounce ?? (direction == GpioDirection.Output ? TimeSpan.Zero : GpioPointConfiguration.DefaultInputDebounce),
            SafeState = safeState ?? false,
            Pulse = pulse,
            EscapeLock = escapeLock,
        };
    }

    private static PointSignal SignalOf(GpioDirection? direction) => direction switch
    {
        GpioDirection.Input => PointSignal.GpioInput,
        GpioDirection.Output => PointSignal.GpioOutput,
        _ => PointSignal.Unknown,
    };

    private static TimeSpan? ReadDebounce(ValueReader debounce, GpioDirection? direction)
    {
        if (direction == GpioDirection.Output && debounce.Node is not null)
        {
            debounce.Report(ConfigurationProblemKind.InvalidCombination, debounce.RawText, new ProblemMessage(MessageKeys.InputOnlyKey, debounce.Key));
            return null;
        }

        return debounce.OptionalDuration(TimeSpan.Zero, TimeSpan.FromSeconds(10), "50ms");
    }

    /// <summary>An output must declare the level it is driven to at start and stop; an input has none.</summary>
    private static bool? ReadSafeState(ValueReader safeState, GpioDirection? direction)
    {
        if (direction == GpioDirection.Input && safeState.Node is not null)
        {
            safeState.Report(ConfigurationProblemKind.InvalidCombination, safeState.RawText, new ProblemMessage(MessageKeys.OutputOnlyKey, safeState.Key));
            return null;
        }

        return direction == GpioDirection.Output
            ? safeState.RequiredBoolean("false")
            : safeState.OptionalBoolean("false");
    }
}
