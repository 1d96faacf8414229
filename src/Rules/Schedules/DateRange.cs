namespace SmartCampus.Edge.Rules.Schedules;

/// <summary>Calendar days from <see cref="First"/> to <see cref="Last"/>, both included.</summary>
public readonly record struct DateRange
{
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="last"/> is before <paramref name="first"/>.</exception>
    public DateRange(DateOnly first, DateOnly last)
    {
        if (last < first)
        {
            throw new ArgumentOutOfRangeException(nameof(last), last, $"The range ends on {last:yyyy-MM-dd}, before it starts on {first:yyyy-MM-dd}.");
        }

        First = first;
        Last = last;
    }

    public DateOnly First { get; }

    public DateOnly Last { get; }

    public bool Contains(DateOnly day) => day >= First && day <= Last;
}
