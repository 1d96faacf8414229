using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Server.Internal.Adapter;
using MQTTnet.Server;

namespace SmartCampus.Edge.Gateway.CampusBroker;

/// <summary>
/// One MQTTnet TCP listener bound to one address. MQTTnet's own adapter binds at most one IPv4 and one IPv6 address
/// per endpoint, taken from the server options; this wrapper hands it options of its own, so that the broker can
/// listen on any number of configured addresses and on no other.
/// </summary>
internal sealed class BoundTcpServerAdapter : IMqttServerAdapter
{
    private readonly MqttTcpServerAdapter _inner = new();
    private readonly Func<MqttServerOptions> _options;

    /// <param name="options">Builds this listener's options when the server starts, so that it can take the port the first listener got.</param>
    public BoundTcpServerAdapter(Func<MqttServerOptions> options)
    {
        _options = options;
    }

    public Func<IMqttChannelAdapter, Task>? ClientHandler
    {
        get => _inner.ClientHandler;
        set => _inner.ClientHandler = value;
    }

    /// <summary>The options this listener started with; MQTTnet writes a port picked by the system back into them.</summary>
    public MqttServerOptions? StartedOptions { get; private set; }

    public async Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        var own = _options();
        await _inner.StartAsync(own, logger);
        StartedOptions = own;
    }

    public Task StopAsync() => _inner.StopAsync();

    public void Dispose() => _inner.Dispose();
}
