using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Rules.Alarms;

namespace SmartCampus.Edge.Rules.Testing;

/// <summary>
/// One line of a sample series: a sample of <see cref="Point"/>; or, when <see cref="AcknowledgeRule"/> is set, an
/// acknowledgement of that rule's alarm from <see cref="Origin"/>; or, when <see cref="EventType"/> is set, a device
/// event of the device <c>Point.Device</c>.
/// </summary>
/// <param name="Line">Line number in the file, from 1, for messages.</param>
/// <param name="Offset">Time since the start of the series.</param>
public sealed record TestStep(
    int Line,
    TimeSpan Offset,
    PointId Point,
    PointValue Value,
    Quality Quality,
    string? AcknowledgeRule = null,
    RequestOrigin Origin = RequestOrigin.OnSite,
    string? EventType = null);
