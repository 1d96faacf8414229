using SmartCampus.Edge.Contracts;

namespace SmartCampus.Edge.Rules.Engine;

/// <summary>
/// Outputs that active rules keep at a value. When two rules drive one output (two smoke inputs, one siren), the
/// first rule to clear must not switch the output off while the other is still active.
/// </summary>
internal sealed class OutputHolds
{
    private readonly Dictionary<PointId, List<(string RuleId, bool Value)>> holdsByOutput = [];

    public void Hold(string ruleId, PointId output, bool value)
    {
        if (!holdsByOutput.TryGetValue(output, out var list))
        {
            list = [];
            holdsByOutput.Add(output, list);
        }

        list.Add((ruleId, value));
    }

    public void ReleaseAll(string ruleId)
    {
        foreach (var list in holdsByOutput.Values)
        {
            list.RemoveAll(hold => string.Equals(hold.RuleId, ruleId, StringComparison.Ordinal));
        }
    }

    public bool IsHeld(PointId output, bool value) =>
        holdsByOutput.TryGetValue(output, out var list) && list.Exists(hold => hold.Value == value);
}
