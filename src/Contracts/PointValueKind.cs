namespace SmartCampus.Edge.Contracts;

public enum PointValueKind
{
    None,
    Number,
    Boolean,
    Text,
}
