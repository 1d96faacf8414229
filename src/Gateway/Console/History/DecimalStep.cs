using System.Globalization;

namespace SmartCampus.Edge.Gateway.WebConsole.History;

/// <summary>
/// Grid step of <see cref="Mantissa"/> (1, 2 or 5) × 10^<see cref="Exponent"/>. A value is stored as the index of
/// the nearest grid point. An index converts back to the double nearest its decimal value with one correctly rounded
/// division (index × mantissa ÷ 10^-exponent), so 23.45 on a 0.01 grid reads back as 23.45.
/// </summary>
internal readonly record struct DecimalStep(int Mantissa, int Exponent)
{
    /// <summary>Finest step: 10^-15, so a power of ten below the step is still exact in a double (up to 10^22).</summary>
    public const int MinExponent = -15;

    /// <summary>
    /// Finest step relative to the largest magnitude on the grid: with at least 10^-12 of it, an index stays below
    /// 10^12 and index × mantissa is exact in a double (below 2^53).
    /// </summary>
    public const double MinRelativeSize = 1e-12;

    private const int MaxExponent = 308;

    // Parsed rather than computed so that every power is the correctly rounded double.
    private static readonly double[] PowersOfTen = [.. Enumerable.Range(0, MaxExponent + 1).Select(power => double.Parse($"1e{power}", CultureInfo.InvariantCulture))];

    public double Size => ToValue(1);

    /// <summary>Index of the grid point nearest the value.</summary>
    public long ToIndex(double value) => (long)Math.Round(Exponent >= 0 ? value / PowersOfTen[Exponent] / Mantissa : value * PowersOfTen[-Exponent] / Mantissa);

    public double ToValue(long index) => Exponent >= 0 ? index * Mantissa * PowersOfTen[Exponent] : index * Mantissa / PowersOfTen[-Exponent];

    /// <summary>Next larger step: 1 → 2 → 5 → 10.</summary>
    public DecimalStep Coarser() => Mantissa switch
    {
        1 => new DecimalStep(2, Exponent),
        2 => new DecimalStep(5, Exponent),
        _ => new DecimalStep(1, Exponent + 1),
    };

    /// <summary>
    /// Smallest step not below <paramref name="floor"/> on which <paramref name="min"/> and <paramref name="max"/> lie at
    /// most <paramref name="maxIndexSpan"/> indices apart, and not below <see cref="MinRelativeSize"/> of their magnitude.
    /// </summary>
    public static DecimalStep Spanning(double min, double max, long maxIndexSpan, DecimalStep floor)
    {
        // One index less than allowed, because rounding both ends can add one index to range ÷ step.
        var size = Math.Max((max - min) / (maxIndexSpan - 1), Math.Max(Math.Abs(min), Math.Abs(max)) * MinRelativeSize);
        var step = AtLeast(Math.Max(size, floor.Size));
        while (step.ToIndex(max) - step.ToIndex(min) > maxIndexSpan)
        {
            step = step.Coarser();
        }

        return step;
    }

    /// <summary>Whether this step is a whole multiple of <paramref name="finer"/>, so that its grid points lie on the finer grid.</summary>
    public bool IsMultipleOf(DecimalStep finer)
    {
        var ratio = Size / finer.Size;
        return ratio >= 1 && Math.Abs(ratio - Math.Round(ratio)) < 1e-9;
    }

    /// <summary>Smallest step of at least <paramref name="size"/> (a positive finite number), 10^-15 at least.</summary>
    private static DecimalStep AtLeast(double size)
    {
        // log10 can be off by one near a power of ten, so start a decade lower and walk up.
        var exponent = Math.Clamp((int)Math.Floor(Math.Log10(size)) - 1, MinExponent, MaxExponent);
        var step = new DecimalStep(1, exponent);
        while (step.Size < size)
        {
            step = step.Coarser();
        }

        return step;
    }
}
