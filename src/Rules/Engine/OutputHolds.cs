using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// Outputs that active rules keep at a value. When several rules hold one output, the top hold decides its value:
/// life safety first, then the higher priority, then the earliest hold. So the first of two smoke rules to clear does
/// not switch a shared siren off, and a comfort rule cannot close a gate that a fire rule holds open.
/// </summary>
internal sealed class OutputHolds
{
    private readonly Dictionary<PointId, List<HeldOutput>> holdsByOutput = [];
    private readonly Dictionary<string, List<HeldOutput>> holdsByRule = new(StringComparer.Ordinal);

    public void Hold(HeldOutput hold)
    {
        if (!holdsByOutput.TryGetValue(hold.Output, out var outputList))
        {
            outputList = [];
            holdsByOutput.Add(hold.Output, outputList);
        }

        if (!holdsByRule.TryGetValue(hold.RuleId, out var ruleList))
        {
            ruleList = [];
            holdsByRule.Add(hold.RuleId, ruleList);
        }

        outputList.Add(hold);
        ruleList.Add(hold);
    }

    /// <summary>Removes every hold of the rule and returns them in the order they were taken.</summary>
    public IReadOnlyList<HeldOutput> ReleaseAll(string ruleId)
    {
        if (!holdsByRule.Remove(ruleId, out var released))
        {
            return [];
        }

        foreach (var hold in released)
        {
            var outputList = holdsByOutput[hold.Output];
            outputList.Remove(hold);
            if (outputList.Count == 0)
            {
                holdsByOutput.Remove(hold.Output);
            }
        }

        return released;
    }

    /// <summary>The holds of one rule, in the order they were taken.</summary>
    public IReadOnlyList<HeldOutput> HoldsOf(string ruleId) =>
        holdsByRule.TryGetValue(ruleId, out var list) ? list : [];

    /// <summary>The hold that decides the output's value; null when no rule holds it.</summary>
    public HeldOutput? Top(PointId output)
    {
        if (!holdsByOutput.TryGetValue(output, out var list))
        {
            return null;
        }

        var top = list[0];
        for (var index = 1; index < list.Count; index++)
        {
            if (list[index].Outranks(top))
            {
                top = list[index];
            }
        }

        return top;
    }

    /// <summary>The top hold of every held output.</summary>
    public IReadOnlyList<HeldOutput> TopHolds() => holdsByOutput.Keys.Select(output => Top(output)!).ToArray();
}
