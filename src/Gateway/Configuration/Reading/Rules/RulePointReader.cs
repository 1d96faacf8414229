using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Model.Rules;
using SmartCampus.Edge.Gateway.Configuration.Resources;
using SmartCampus.Edge.Gateway.Configuration.Validation;
using SmartCampus.Edge.Rules.Definitions;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>Reads the <c>point</c> of a rule: a <c>device.point</c> reference, or a pattern with <c>*</c>.</summary>
internal static class RulePointReader
{
    public static RulePoint? Read(ValueReader value, string example)
    {
        if (value.RawText is not { } text || !text.Contains('*', StringComparison.Ordinal))
        {
            return value.RequiredPointReference(example) is { } point ? new RulePoint(point, null) : null;
        }

        if (!text.Contains('.', StringComparison.Ordinal))
        {
            value.Report(ConfigurationProblemKind.InvalidValue, text, new ProblemMessage(MessageKeys.PointPatternInvalid, text, value.Snippet("\"*-air.co2\"")));
            return null;
        }

        var pattern = new PointPattern(text);
        var devices = value.Context.Devices;
        var matches = new List<ResolvedPoint>();
        foreach (var deviceId in devices.Ids)
        {
            if (!devices.TryGet(deviceId, out var device))
            {
                continue;
            }

            foreach (var pointId in device.PointIds)
            {
                var candidate = new PointId(deviceId, pointId);
                if (pattern.Matches(candidate) && device.TryGetPoint(pointId, out var signal))
                {
                    matches.Add(new ResolvedPoint(candidate, signal));
                }
            }
        }

        if (matches.Count == 0)
        {
            var known = NameList.Limit(devices.Ids.SelectMany(id => devices.TryGet(id, out var device) ? device.PointIds.Select(point => $"{id}.{point}") : []));
            value.Report(ConfigurationProblemKind.UnknownReference, text, new ProblemMessage(MessageKeys.PointPatternNoMatch, text, known));
            return null;
        }

        var representative = matches.FirstOrDefault(match => match.Signal != matches[0].Signal);
        var stand = representative == default ? matches[0] : representative;
        return new RulePoint(stand, new PointPatternMatches(text, matches.Select(match => match.Id).ToList()));
    }
}
