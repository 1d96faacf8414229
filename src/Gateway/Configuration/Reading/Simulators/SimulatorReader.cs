using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Simulators;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Simulators;

/// <summary>Reads one entry of the simulators list.</summary>
internal static class SimulatorReader
{
    public const string ItemExample = "{kind: smoke-trip, point: fire-panel.smoke, after: 40s, hold: 20s}";

    private static readonly ChoiceSet<SimulatorKind> Kinds = new(
        ("modbus-classroom", SimulatorKind.ModbusClassroom),
        ("smoke-trip", SimulatorKind.SmokeTrip));

    /// <summary>Returns the simulator, or null when its kind is missing or invalid.</summary>
    public static SimulatorConfiguration? Read(MappingReader simulator)
    {
        var kind = simulator.Key("kind").RequiredChoice(Kinds);
        SimulatorConfiguration? result = kind switch
        {
            SimulatorKind.ModbusClassroom => ReadModbusClassroom(simulator),
            SimulatorKind.SmokeTrip => ReadSmokeTrip(simulator),
            _ => null,
        };

        if (kind is not null)
        {
            simulator.ReportUnknownKeys();
        }

        return result;
    }

    private static ModbusClassroomSimulatorConfiguration ReadModbusClassroom(MappingReader simulator)
    {
        var host = simulator.Key("host").RequiredHost("127.0.0.1");
        var port = simulator.Key("port").RequiredInteger(1, 65535, "15020");
        var unitId = simulator.Key("unitId").OptionalInteger(0, 255, "1");
        var startPpm = simulator.Key("co2StartPpm").OptionalNumber("900");
        var risePerSecondPpm = simulator.Key("co2RisePerSecondPpm").OptionalNumber("20");

        return new ModbusClassroomSimulatorConfiguration
        {
            Host = host ?? string.Empty,
            Port = port ?? 0,
            UnitId = (byte)(unitId ?? ModbusClassroomSimulatorConfiguration.DefaultUnitId),
            Co2StartPpm = startPpm ?? ModbusClassroomSimulatorConfiguration.DefaultCo2StartPpm,
            Co2RisePerSecondPpm = risePerSecondPpm ?? ModbusClassroomSimulatorConfiguration.DefaultCo2RisePerSecondPpm,
        };
    }

    private static SmokeTripSimulatorConfiguration ReadSmokeTrip(MappingReader simulator)
    {
        var pointValue = simulator.Key("point");
        var point = pointValue.RequiredPointReference("fire-panel.smoke");
        CheckSimulatedInput(pointValue, point);
        var after = simulator.Key("after").RequiredDuration(TimeSpan.Zero, TimeSpan.FromDays(1), "40s");
        var hold = simulator.Key("hold").RequiredDuration(TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1), "20s");

        return new SmokeTripSimulatorConfiguration
        {
            Point = point?.Id ?? default,
            After = after ?? TimeSpan.Zero,
            Hold = hold ?? TimeSpan.Zero,
        };
    }

    /// <summary>Only a simulated input can be tripped from inside the process; a hardware line follows its wire.</summary>
    private static void CheckSimulatedInput(ValueReader pointValue, ResolvedPoint? point)
    {
        if (point is not { Signal: not PointSignal.Unknown } resolved)
        {
            return;
        }

        pointValue.Context.Devices.TryGet(resolved.Id.Device, out var device);
        if (resolved.Signal != PointSignal.GpioInput || device.IsSimulated == false)
        {
            var text = resolved.Id.ToString();
            pointValue.Report(ConfigurationProblemKind.WrongReference, text, new ProblemMessage(MessageKeys.SmokeTripNeedsSimulatedInput, text));
        }
    }
}
