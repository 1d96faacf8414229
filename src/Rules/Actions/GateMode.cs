namespace SmartCampus.Edge.Rules.Actions;

/// <summary>Operating mode of a gate or turnstile.</summary>
public enum GateMode
{
    /// <summary>Normal access control: opens for a granted card or face (<c>controlled</c>).</summary>
    Controlled,

    /// <summary>Held open for everyone, as for an evacuation (<c>holdOpen</c>, 常开).</summary>
    HoldOpen,

    /// <summary>Closed to everyone (<c>locked</c>, 常关).</summary>
    Locked,
}
