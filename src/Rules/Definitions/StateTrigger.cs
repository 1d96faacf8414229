namespace SmartCampus.Edge.Rules.Definitions;

/// <summary>What a <see cref="StateRuleDefinition"/> reacts to.</summary>
public enum StateTrigger
{
    /// <summary>The condition holds while the value equals <see cref="StateRuleDefinition.Value"/> (<c>equals</c>).</summary>
    EqualTo,

    /// <summary>Any change of the value triggers (<c>changes: true</c>).</summary>
    Changes,

    /// <summary>A boolean going from false to true triggers (<c>edge: rising</c>).</summary>
    Rising,

    /// <summary>A boolean going from true to false triggers (<c>edge: falling</c>).</summary>
    Falling,
}
