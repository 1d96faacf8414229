namespace SmartCampus.Edge.Benchmarks;

/// <summary>
/// A benchmark that measures a whole path against real peers (sockets, brokers, files), where BenchmarkDotNet's
/// in-process micro-benchmark loop does not fit. It prints its method and numbers itself.
/// </summary>
public interface IScenario
{
    /// <summary>Name given on the command line, e.g. <c>modbus-tcp-roundtrip</c>.</summary>
    string Name { get; }

    string Description { get; }

    Task RunAsync(TextWriter output, CancellationToken cancellationToken);
}
