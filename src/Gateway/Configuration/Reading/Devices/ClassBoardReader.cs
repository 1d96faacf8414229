using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Validation;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Devices;

/// <summary>Reads the keys of a class-board device.</summary>
internal static class ClassBoardReader
{
    public static ClassBoardConfiguration Read(MappingReader device, DeviceEntry entry, string? name)
    {
        var building = device.Key("building").OptionalText("A");
        var floor = device.Key("floor").OptionalText("2");
        var room = device.Key("room").OptionalText("\"201\"");
        var heartbeatTimeout = device.Key("heartbeatTimeout").OptionalDuration(TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), "90s");
        var swipeRepeatWindow = device.Key("swipeRepeatWindow").OptionalDuration(TimeSpan.Zero, TimeSpan.FromMinutes(10), "60s");
        var password = device.Key("password").RequiredSecret("board-201-secret");
        entry.Location = (building, floor, room);

        return new ClassBoardConfiguration
        {
            Id = entry.Id,
            Name = name,
            Building = building,
            Floor = floor,
            Room = room,
            HeartbeatTimeout = heartbeatTimeout ?? ClassBoardConfiguration.DefaultHeartbeatTimeout,
            SwipeRepeatWindow = swipeRepeatWindow ?? ClassBoardConfiguration.DefaultSwipeRepeatWindow,
            Password = password ?? string.Empty,
        };
    }
}
