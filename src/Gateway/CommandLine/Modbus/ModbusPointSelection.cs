using System.CommandLine;
using SmartCampus.Edge.Drivers.Modbus.Decoding;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Gateway.Resources;

namespace SmartCampus.Edge.Gateway.CommandLine.Modbus;

/// <summary>The options that select which registers or bits a <c>modbus read</c> or <c>modbus write</c> touches and how they decode.</summary>
internal sealed class ModbusPointSelection
{
    private static readonly Dictionary<string, ModbusDataType> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["uint16"] = ModbusDataType.UInt16,
        ["int16"] = ModbusDataType.Int16,
        ["uint32"] = ModbusDataType.UInt32,
        ["int32"] = ModbusDataType.Int32,
        ["uint64"] = ModbusDataType.UInt64,
        ["int64"] = ModbusDataType.Int64,
        ["float32"] = ModbusDataType.Float32,
        ["float64"] = ModbusDataType.Float64,
        ["string"] = ModbusDataType.String,
    };

    private static readonly Dictionary<string, ModbusRegisterKind> Functions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["holding"] = ModbusRegisterKind.Holding,
        ["input"] = ModbusRegisterKind.Input,
        ["coil"] = ModbusRegisterKind.Coil,
        ["discrete"] = ModbusRegisterKind.DiscreteInput,
    };

    public Option<string?> Point { get; } = new("--point", "-p") { Description = ModbusCliText.Get("OptionPoint") };

    public Option<string> Function { get; } = new("--function", "-f") { Description = ModbusCliText.Get("OptionFunction"), DefaultValueFactory = _ => "holding" };

    public Option<int?> Address { get; } = new("--address", "-a") { Description = ModbusCliText.Get("OptionAddress") };

    public Option<string> Type { get; } = new("--type", "-t") { Description = ModbusCliText.Get("OptionType"), DefaultValueFactory = _ => "uint16" };

    public Option<string> Order { get; } = new("--order") { Description = ModbusCliText.Get("OptionOrder"), DefaultValueFactory = _ => "ABCD" };

    public Option<int> Length { get; } = new("--length") { Description = ModbusCliText.Get("OptionLength"), DefaultValueFactory = _ => 1 };

    public void AddTo(Command command)
    {
        Function.AcceptOnlyFromAmong([.. Functions.Keys]);
        Type.AcceptOnlyFromAmong([.. Types.Keys]);
        Order.AcceptOnlyFromAmong([.. Enum.GetNames<ModbusWordOrder>()]);
        foreach (var option in new Option[] { Point, Function, Address, Type, Order, Length })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>True when the command names neither a point nor an address, so it applies to all of the device's points.</summary>
    public bool SelectsNothing(ParseResult parseResult) => parseResult.GetValue(Point) is null && parseResult.GetValue(Address) is null;

    /// <summary>
    /// Returns the point named by <c>--point</c> in the device's campus.yaml points, or a point built from the
    /// address, function, type, order and length options. On a problem it writes the message and returns null.
    /// </summary>
    public ModbusPointOptions? Resolve(ParseResult parseResult, ModbusLinkSettings link, TextWriter output)
    {
        var name = parseResult.GetValue(Point);
        if (name is not null)
        {
            var point = link.Points.FirstOrDefault(candidate => candidate.Name == name);
            if (point is null)
            {
                output.WriteLine(ModbusCliText.Format("PointNotFound", name, link.DeviceId, OperatorList.Join(link.Points.Select(p => p.Name))));
            }

            return point;
        }

        if (parseResult.GetValue(Address) is not { } address || address is < 0 or > ushort.MaxValue)
        {
            output.WriteLine(ModbusCliText.Format("AddressInvalid", parseResult.GetValue(Address)));
            return null;
        }

        var type = Types[parseResult.GetValue(Type)!];
        var length = parseResult.GetValue(Length);
        if (type == ModbusDataType.String && length is < 1 or > ModbusLimits.MaxReadRegisters)
        {
            output.WriteLine(ModbusCliText.Format("LengthInvalid", length));
            return null;
        }

        return new ModbusPointOptions
        {
            Name = "value",
            Function = Functions[parseResult.GetValue(Function)!],
            Address = (ushort)address,
            Type = type,
            Order = Enum.Parse<ModbusWordOrder>(parseResult.GetValue(Order)!),
            Length = type == ModbusDataType.String ? length : 0,
        };
    }
}
