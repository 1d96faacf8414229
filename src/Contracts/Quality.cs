namespace SmartCampus.Edge.Contracts;

/// <summary>Trust in a sample's value. A failed read is <see cref="Bad"/>, never an old value passed off as fresh.</summary>
public enum Quality
{
    Good,
    Bad,
    Stale,
}
