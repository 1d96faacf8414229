using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Loading;
using SmartCampus.Edge.Gateway.Configuration.Resources;

namespace SmartCampus.Edge.Gateway.Configuration.Validation;

/// <summary>Reader for <c>device.point</c> references, resolved against the devices section.</summary>
internal static class PointReferenceValues
{
    /// <summary>
    /// Returns the resolved point, or null after reporting a malformed reference, an unknown device or an unknown
    /// point. A device whose own entry is broken resolves with <see cref="PointSignal.Unknown"/>.
    /// </summary>
    public static ResolvedPoint? RequiredPointReference(this ValueReader value, string example)
    {
        var text = value.ScalarText(Expect.PointId, example, required: true);
        if (text is null)
        {
            return null;
        }

        if (!PointId.TryParse(text, out var pointId))
        {
            value.Report(ConfigurationProblemKind.InvalidValue, text, new ProblemMessage(MessageKeys.InvalidPointReference, text, value.Snippet(example)));
            return null;
        }

        var devices = value.Context.Devices;
        if (!devices.TryGet(pointId.Device, out var device))
        {
            ReportUnknownDevice(value, text, pointId, devices);
            return null;
        }

        if (device.Kind is null)
        {
            return new ResolvedPoint(pointId, PointSignal.Unknown);
        }

        if (!device.TryGetPoint(pointId.Point, out var signal))
        {
            var message = new ProblemMessage(MessageKeys.UnknownPoint, text, pointId.Point, pointId.Device, NameList.Limit(device.PointIds));
            value.Report(ConfigurationProblemKind.UnknownReference, text, message);
            return null;
        }

        return new ResolvedPoint(pointId, signal);
    }

    /// <summary>Reports a reference of the wrong kind when the point's kind is known and differs.</summary>
    public static void RequireSignal(this ValueReader value, ResolvedPoint? point, PointSignal expected, string messageKey)
    {
        if (point is { } resolved && resolved.Signal != PointSignal.Unknown && resolved.Signal != expected)
        {
            var text = resolved.Id.ToString();
            value.Report(ConfigurationProblemKind.WrongReference, text, new ProblemMessage(messageKey, text));
        }
    }

    private static void ReportUnknownDevice(ValueReader value, string text, PointId pointId, DeviceIndex devices)
    {
        var suggestion = KeySuggester.Closest(pointId.Device, devices.Ids);
        var message = suggestion is null
            ? new ProblemMessage(MessageKeys.UnknownDevice, text, pointId.Device, NameList.Limit(devices.Ids))
            : new ProblemMessage(MessageKeys.UnknownDeviceSuggestion, text, pointId.Device, $"{suggestion}.{pointId.Point}");
        value.Report(ConfigurationProblemKind.UnknownReference, text, message);
    }
}
