using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Devices;

/// <summary>Reads the keys of an mqtt-sensor device and its points.</summary>
internal static class MqttSensorReader
{
    public const string PointExample = "{id: co2, jsonPath: co2, type: number, unit: ppm}";

    private static readonly ChoiceSet<MqttSensorValueKind> Kinds = new(
        ("number", MqttSensorValueKind.Number),
        ("boolean", MqttSensorValueKind.Boolean),
        ("text", MqttSensorValueKind.Text));

    public static MqttSensorConfiguration Read(MappingReader device, DeviceEntry entry, string? name)
    {
        var password = device.Key("password").RequiredSecret("aq-201-secret");
        var pointIds = new UniqueIds();
        var points = device.Key("points").MappingList(PointExample, required: true, allowEmpty: false) ?? [];

        return new MqttSensorConfiguration
        {
            Id = entry.Id,
            Name = name,
            Password = password ?? string.Empty,
            Points = [.. points.Select(point => ReadPoint(point, entry, pointIds))],
        };
    }

    private static MqttSensorPointConfiguration ReadPoint(MappingReader point, DeviceEntry device, UniqueIds pointIds)
    {
        var idValue = point.Key("id");
        var id = idValue.RequiredId("co2");
        if (id is not null && pointIds.Add(id, idValue))
        {
            device.AddPoint(id, PointSignal.Number);
        }

        var jsonPath = point.Key("jsonPath").RequiredText("air.co2");
        var kind = point.Key("type").OptionalChoice(Kinds);
        var scale = point.Key("scale").OptionalNumber("0.1");
        var offset = point.Key("offset").OptionalNumber("0");
        var unit = point.Key("unit").OptionalText("ppm");
        point.ReportUnknownKeys();

        return new MqttSensorPointConfiguration
        {
            Id = id ?? string.Empty,
            JsonPath = jsonPath ?? string.Empty,
            Kind = kind ?? MqttSensorValueKind.Number,
            Scale = scale ?? 1,
            Offset = offset ?? 0,
            Unit = unit,
        };
    }
}
