namespace SmartCampus.Edge.Drivers.Gpio;

public enum GpioOutputMode
{
    /// <summary>A write sets the level, which stays until the next write or the safe state on stop (a relay, a lamp).</summary>
    Latch,

    /// <summary>
    /// Writing true drives the line active for <see cref="GpioPointOptions.PulseDuration"/>, then back to its safe
    /// state (a door strike for 3 s, a siren for a minute). Writing true again restarts the pulse; false ends it early.
    /// </summary>
    Pulse,
}
