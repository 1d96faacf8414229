using SmartCampus.Edge.Fuzz.Targets;

namespace SmartCampus.Edge.Reliability.Tests.Fuzzing;

/// <summary>Runs a fuzz target and disposes it afterwards when it holds files or a driver.</summary>
internal sealed class DisposableTarget(IFuzzTarget target) : IDisposable
{
    public void Run(byte[] data) => target.Run(data);

    public void Dispose() => (target as IDisposable)?.Dispose();
}
