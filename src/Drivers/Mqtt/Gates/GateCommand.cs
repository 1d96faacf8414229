namespace SmartCampus.Edge.Drivers.Mqtt.Gates;

/// <summary>Commands a door controller accepts; the wire names are in <see cref="GatePayloads"/>.</summary>
public enum GateCommand
{
    /// <summary>Release the lock once, as for a granted card (远程开门).</summary>
    OpenOnce,

    /// <summary>Keep the door unlocked until the next command (常开).</summary>
    NormallyOpen,

    /// <summary>Keep the door locked; cards are refused (常关/锁定).</summary>
    Locked,

    /// <summary>Back to normal card control (受控).</summary>
    Controlled,
}
