using System.Globalization;

namespace SmartCampus.Edge.Contracts;

/// <summary>
/// A point's value: a number (already scaled into engineering units), a boolean or a text.
/// <see cref="None"/> goes with a bad-quality sample that carries no value.
/// </summary>
public readonly record struct PointValue
{
    private PointValue(PointValueKind kind, double number, bool boolean, string? text)
    {
        Kind = kind;
        Number = number;
        Boolean = boolean;
        Text = text;
    }

    public static PointValue None => default;

    public PointValueKind Kind { get; }

    public double Number { get; }

    public bool Boolean { get; }

    public string? Text { get; }

    public static PointValue FromNumber(double number) => new(PointValueKind.Number, number, false, null);

    public static PointValue FromBoolean(bool boolean) => new(PointValueKind.Boolean, boolean ? 1 : 0, boolean, null);

    public static PointValue FromText(string text) => new(PointValueKind.Text, 0, false, text);

    /// <summary>Reads the value as a number: booleans become 0 or 1; a text or no value gives false.</summary>
    public bool TryGetNumber(out double number)
    {
        number = Number;
        return Kind is PointValueKind.Number or PointValueKind.Boolean;
    }

    public override string ToString() => Kind switch
    {
        PointValueKind.Number => Number.ToString("G", CultureInfo.InvariantCulture),
        PointValueKind.Boolean => Boolean ? "true" : "false",
        PointValueKind.Text => Text ?? string.Empty,
        _ => string.Empty,
    };
}
