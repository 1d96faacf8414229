using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Validation;

/// <summary>GPIO pins in use; a line can serve only one point.</summary>
internal sealed class PinRegistry
{
    private readonly Dictionary<int, (string Path, long Line)> firstUse = [];

    /// <summary>Returns false and reports a problem when <paramref name="pin"/> was added before.</summary>
    public bool Add(int pin, ValueReader at)
    {
        var line = at.Node!.Start.Line;
        if (firstUse.TryGetValue(pin, out var first))
        {
            var message = new ProblemMessage(MessageKeys.DuplicatePin, pin, first.Path, first.Line);
            at.Report(ConfigurationProblemKind.DuplicateId, at.RawText, message);
            return false;
        }

        firstUse.Add(pin, (at.Owner.Path, line));
        return true;
    }
}
