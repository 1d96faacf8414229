namespace SmartCampus.Edge.Gateway.WebConsole.Devices;

/// <summary>What the two values of a boolean point mean, which decides the words the console shows for them.</summary>
internal enum BooleanMeaning
{
    /// <summary>Something the gateway switches: a GPIO output, a coil, a writable register bit (on / off).</summary>
    Switch,

    /// <summary>A device's heartbeat state, such as a class board's online point (online / offline).</summary>
    Online,

    /// <summary>An input that an input rule watches: its trigger value is the alarm (alarm / normal).</summary>
    Alarm,

    /// <summary>Any other input, whose meaning the configuration does not state (active / inactive).</summary>
    Active,
}
