namespace SmartCampus.Edge.Rules.Actions;

/// <summary>Puts a gate or turnstile into <see cref="Mode"/> on raise and back to <see cref="GateMode.Controlled"/> on clear.</summary>
// NOTE: a gate mode takes no output hold, so CheckCommand does not guard it. A life-safety rule that must keep a gate
// open against remote commands also sets the gate's lock output with a SetOutputAction.
public sealed record GateModeAction : RuleAction
{
    public GateModeAction(string gate, GateMode mode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gate);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Gate '{gate}' has an unknown mode.");
        }

        Gate = gate;
        Mode = mode;
    }

    /// <summary>Device id of the gate controller.</summary>
    public string Gate { get; }

    public GateMode Mode { get; }
}
