namespace SmartCampus.Edge.Drivers.Abstractions;

/// <summary>Outcome of a write: expected failures (unknown point, device offline, protocol exception) are results, not exceptions.</summary>
/// <param name="Succeeded">True when the device accepted the value.</param>
/// <param name="Error">Operator-readable reason in the current UI culture when the write failed.</param>
public readonly record struct DriverWriteResult(bool Succeeded, string? Error)
{
    public static DriverWriteResult Success => new(true, null);

    public static DriverWriteResult Failure(string error) => new(false, error);
}
