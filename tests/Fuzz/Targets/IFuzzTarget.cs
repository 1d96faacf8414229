namespace SmartCampus.Edge.Fuzz.Targets;

/// <summary>
/// One parser under fuzzing. <see cref="Run"/> feeds the bytes through the real parser and catches only the
/// exception types the parser documents for bad input; any other exception escapes and counts as a crash.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>Name on the command line and folder name under corpus/.</summary>
    string Name { get; }

    void Run(ReadOnlySpan<byte> data);
}
