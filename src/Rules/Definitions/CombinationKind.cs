namespace SmartCampus.Edge.Rules.Definitions;

/// <summary>How a <see cref="CombinationRuleDefinition"/> joins the conditions of the rules it names.</summary>
public enum CombinationKind
{
    /// <summary>Every named condition holds (<c>all</c>).</summary>
    All,

    /// <summary>At least one named condition holds (<c>any</c>).</summary>
    Any,

    /// <summary>The one named condition does not hold (<c>not</c>).</summary>
    Not,
}
