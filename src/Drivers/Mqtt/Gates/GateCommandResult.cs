namespace SmartCampus.Edge.Drivers.Mqtt.Gates;

/// <param name="CommandId">Id sent to the controller and written to the audit record.</param>
/// <param name="Reason">Operator-facing reason for every outcome but <see cref="GateCommandOutcome.Acknowledged"/>.</param>
public sealed record GateCommandResult(string CommandId, GateCommand Command, GateCommandOutcome Outcome, string? Reason)
{
    public bool Succeeded => Outcome == GateCommandOutcome.Acknowledged;
}
