using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;
using YamlDotNet.RepresentationModel;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Devices;

/// <summary>Reads one entry of the devices list: the keys every kind has, then the kind's own reader.</summary>
internal static class DeviceReader
{
    public const string ItemExample = "{id: bldgA-2F-201-air, kind: modbus-tcp, host: 192.168.10.21, points: [...]}";

    private static readonly ChoiceSet<DeviceKind> Kinds = new(
        ("modbus-tcp", DeviceKind.ModbusTcp),
        ("modbus-rtu", DeviceKind.ModbusRtu),
        ("gpio", DeviceKind.Gpio),
        ("class-board", DeviceKind.ClassBoard),
        ("access-gate", DeviceKind.AccessGate),
        ("mqtt-sensor", DeviceKind.MqttSensor),
        ("i2c-sensor", DeviceKind.I2cSensor));

    /// <summary>Returns the device, or null when its kind is missing, invalid or not supported.</summary>
    public static DeviceConfiguration? Read(MappingReader device)
    {
        var idValue = device.Key("id");
        var id = idValue.RequiredId("bldgA-2F-201-air");
        var entry = id is null
            ? new DeviceEntry(string.Empty, device.Path)
            : device.Context.Devices.Register(id, idValue, device.Path);
        var name = device.Key("name").OptionalText("201 教室空气质量传感器");

        var kindValue = device.Key("kind");
        entry.Kind = kindValue.RequiredChoice(Kinds);
        DeviceConfiguration? result = entry.Kind switch
        {
            DeviceKind.ModbusTcp => ModbusTcpDeviceReader.Read(device, entry, name),
            DeviceKind.ModbusRtu => ModbusRtuDeviceReader.Read(device, entry, name),
            DeviceKind.Gpio => GpioDeviceReader.Read(device, entry, name),
            DeviceKind.ClassBoard => ClassBoardReader.Read(device, entry, name),
            DeviceKind.AccessGate => AccessGateReader.Read(device, entry, name),
            DeviceKind.MqttSensor => MqttSensorReader.Read(device, entry, name),
            DeviceKind.I2cSensor => I2cSensorReader.Read(device, entry, name),
            _ => null,
        };

        // Without a kind, no key other than id, name and kind can be judged.
        if (entry.Kind is not null)
        {
            device.ReportUnknownKeys(entry.Kind switch
            {
                DeviceKind.ModbusTcp => ModbusTcpDeviceReader.SerialKeyHint,
                DeviceKind.ModbusRtu => ModbusRtuDeviceReader.TcpKeyHint,
                _ => null,
            });
        }

        return result;
    }
}
