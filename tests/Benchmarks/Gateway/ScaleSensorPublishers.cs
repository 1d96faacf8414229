using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace SmartCampus.Edge.Benchmarks.Gateway;

/// <summary>
/// The MQTT sensors of the scale campus: one MQTTnet client per sensor, each logged in with its own account on the
/// gateway's embedded campus broker, publishing a JSON object of all its points every <see cref="ScaleCampus.Period"/>.
/// The sensors' publish times are spread over the period, as real sensors' clocks are. They run in the benchmark's
/// process, so their CPU is not counted as the gateway's.
/// </summary>
internal sealed class ScaleSensorPublishers : IAsyncDisposable
{
    private readonly List<IMqttClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _published;
    private long _failed;

    public long Published => Interlocked.Read(ref _published);

    public long Failed => Interlocked.Read(ref _failed);

    public async Task StartAsync(ScaleCampus campus, int campusPort, CancellationToken cancellationToken)
    {
        var factory = new MqttClientFactory();
        for (var sensor = 1; sensor <= campus.Sensors; sensor++)
        {
            var id = ScaleCampus.SensorId(sensor);
            var client = factory.CreateMqttClient();
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", campusPort)
                .WithClientId(id)
                .WithCredentials(id, ScaleCampus.SensorPasswordPrefix + sensor.ToString(CultureInfo.InvariantCulture))
                .WithTimeout(TimeSpan.FromSeconds(30))
                .Build();
            await client.ConnectAsync(options, cancellationToken);
            _clients.Add(client);
        }

        _loop = Task.Run(() => PublishLoopAsync(campus, _stop.Token), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _stop.Dispose();
    }

    private async Task PublishLoopAsync(ScaleCampus campus, CancellationToken cancellationToken)
    {
        var random = new Random(7);
        var values = new double[campus.Sensors, campus.PointsPerDevice];
        var spacing = ScaleCampus.Period / Math.Max(1, campus.Sensors);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (long round = 0; !cancellationToken.IsCancellationRequested; round++)
        {
            for (var sensor = 0; sensor < _clients.Count; sensor++)
            {
                // Due times are fixed on the clock, so a slow publish does not stretch the period.
                var wait = (ScaleCampus.Period * round) + (spacing * sensor) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                var payload = new StringBuilder("{");
                for (var point = 0; point < campus.PointsPerDevice; point++)
                {
                    values[sensor, point] = Math.Clamp(values[sensor, point] + random.Next(-5, 6), 0, 1000);
                    payload.Append(CultureInfo.InvariantCulture, $"{(point == 0 ? "" : ",")}\"{ScaleCampus.PointKey(point)}\":{values[sensor, point]}");
                }

                payload.Append('}');
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic($"campus/sensors/{ScaleCampus.SensorId(sensor + 1)}/state")
                    .WithPayload(payload.ToString())
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
                    .Build();
                try
                {
                    await _clients[sensor].PublishAsync(message, cancellationToken);
                    Interlocked.Increment(ref _published);
                }
                catch (Exception exception) when (exception is MqttCommunicationException or InvalidOperationException)
                {
                    Interlocked.Increment(ref _failed);
                }
            }
        }
    }
}
