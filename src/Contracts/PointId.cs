using System.Diagnostics.CodeAnalysis;

namespace SmartCampus.Edge.Contracts;

/// <summary>
/// Identity of one point, written <c>device.point</c> (for example <c>bldgA-2F-201-air.co2</c>).
/// Rules, the outbox and the district all use this text form, so it must stay stable across restarts.
/// </summary>
public readonly record struct PointId(string Device, string Point)
{
    /// <summary>Parses <c>device.point</c>; the device id may not contain a dot, the point name may.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out PointId pointId)
    {
        pointId = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == text.Length - 1)
        {
            return false;
        }

        pointId = new PointId(text[..dot], text[(dot + 1)..]);
        return true;
    }

    public static PointId Parse(string text) =>
        TryParse(text, out var pointId)
            ? pointId
            : throw new FormatException($"Point id '{text}' is invalid: expected 'device.point', for example 'bldgA-2F-201-air.co2'.");

    public override string ToString() => $"{Device}.{Point}";

    /// <summary>
    /// Writes the text form <c>device.point</c> into <paramref name="destination"/> without allocating; false, with
    /// nothing written, when it does not fit.
    /// </summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        var length = Device.Length + 1 + Point.Length;
        if (length > destination.Length)
        {
            return false;
        }

        Device.AsSpan().CopyTo(destination);
        destination[Device.Length] = '.';
        Point.AsSpan().CopyTo(destination[(Device.Length + 1)..]);
        charsWritten = length;
        return true;
    }
}
