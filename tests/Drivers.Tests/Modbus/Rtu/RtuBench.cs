using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Tests.Modbus.Support;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Rtu;

/// <summary>
/// A <see cref="ModbusRtuBus"/> on an in-memory <see cref="ScriptedStream"/>, with a frame silence long enough
/// (40 ms) that a test's pause of 200 ms is clearly silence and back-to-back feeds are clearly not.
/// </summary>
public sealed class RtuBench : IAsyncDisposable
{
    public static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(40);

    private readonly List<ScriptedStream> _streams = [];

    public RtuBench(TimeProvider? timeProvider = null, int baudRate = 9600)
    {
        Bus = new ModbusRtuBus(
            new ModbusRtuBusOptions { PortName = "/dev/ttyTEST", BaudRate = baudRate, FrameSilence = Silence },
            timeProvider ?? TimeProvider.System,
            Logger,
            _ =>
            {
                var stream = new ScriptedStream();
                lock (_streams)
                {
                    _streams.Add(stream);
                }

                return ValueTask.FromResult<Stream>(stream);
            });
    }

    public ModbusRtuBus Bus { get; }

    public RecordingLogger<ModbusRtuBus> Logger { get; } = new();

    /// <summary>Times the bus opened its port.</summary>
    public int Opens
    {
        get
        {
            lock (_streams)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>The stream the bus opened last.</summary>
    public ScriptedStream Line
    {
        get
        {
            lock (_streams)
            {
                return _streams[^1];
            }
        }
    }

    public ModbusRtuClient Client(TimeSpan timeout, int retries = 0, ModbusPollPriority priority = ModbusPollPriority.Normal) =>
        Bus.CreateClient("bench", priority, timeout, retries);

    /// <summary>Waits until the bus has opened its port and sent a request, and returns the request.</summary>
    public async Task<byte[]> NextRequestAsync(int opensBefore = 0)
    {
        var waited = 0;
        while (Opens <= opensBefore && waited < 5000)
        {
            await Task.Delay(5);
            waited += 5;
        }

        return await Line.NextWriteAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Bus.DisposeAsync();
    }

    public int Logged(int eventId) => Logger.Count(eventId);

    public bool LoggedAtLeast(LogLevel level) => Logger.Entries.Any(entry => entry.Level >= level);
}
