namespace SmartCampus.Edge.Gateway.Configuration.Validation;

/// <summary>What a point carries, as far as rules and actions care.</summary>
internal enum PointSignal
{
    /// <summary>The point's entry has a problem of its own, so references to it are not checked further.</summary>
    Unknown,

    /// <summary>A Modbus value: a number, for threshold rules.</summary>
    Number,

    /// <summary>A Modbus string point: text, which threshold rules cannot compare.</summary>
    Text,

    /// <summary>A GPIO line read as true or false, for input rules.</summary>
    GpioInput,

    /// <summary>A GPIO line the gateway drives, for setOutput actions.</summary>
    GpioOutput,
}
