using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Validation;

/// <summary>Ids within one scope (devices, the points of one device, rules); a repeat is reported where it occurs.</summary>
internal sealed class UniqueIds
{
    private readonly Dictionary<string, (string Path, long Line)> firstUse = new(StringComparer.Ordinal);

    /// <summary>Returns false and reports a problem when <paramref name="id"/> was added before.</summary>
    public bool Add(string id, ValueReader at)
    {
        if (firstUse.TryGetValue(id, out var first))
        {
            var message = new ProblemMessage(MessageKeys.DuplicateId, id, first.Path, first.Line, $"{id}-2");
            at.Report(ConfigurationProblemKind.DuplicateId, id, message);
            return false;
        }

        firstUse.Add(id, (at.Owner.Path, at.Node!.Start.Line));
        return true;
    }
}
