using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Reading.Rules;

/// <summary>Reads the <c>device</c> of an event or offline rule: the id of a configured device of any kind.</summary>
internal static class RuleDeviceReader
{
    public static string? Read(ValueReader value, string example)
    {
        var id = value.RequiredText(example);
        if (id is null)
        {
            return null;
        }

        var devices = value.Context.Devices;
        if (devices.TryGet(id, out _))
        {
            return id;
        }

        var suggestion = KeySuggester.Closest(id, devices.Ids);
        var message = suggestion is null
            ? new ProblemMessage(MessageKeys.RuleDeviceUnknown, id, NameList.Limit(devices.Ids))
            : new ProblemMessage(MessageKeys.RuleDeviceUnknownSuggestion, id, suggestion);
        value.Report(ConfigurationProblemKind.UnknownReference, id, message);
        return null;
    }
}
