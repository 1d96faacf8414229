using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting.Systemd;

namespace SmartCampus.Edge.Gateway.Tests.Systemd;

/// <summary>An enabled notifier that keeps every state it was asked to send.</summary>
internal sealed class RecordingNotifier : ISystemdNotifier
{
    private readonly ConcurrentQueue<string> _states = new();

    public bool IsEnabled => true;

    public IReadOnlyList<string> States => [.. _states];

    public int Count(string state) => _states.Count(sent => sent == state);

    public void Notify(ServiceState state) => _states.Enqueue(state.ToString());
}
