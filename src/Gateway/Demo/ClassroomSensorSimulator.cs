using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Drivers.Modbus.Simulation;
using SmartCampus.Edge.Gateway.Configuration.Model.Simulators;

namespace SmartCampus.Edge.Gateway.Demo;

/// <summary>
/// Plays a classroom air sensor for the demo campus: a Modbus TCP server on loopback whose CO2 register climbs
/// steadily, so the CO2 rule has something to fire on. Register map (holding registers, as the demo file reads them):
/// 0 = CO2 in ppm (uint16), 1 = temperature in 0.1 °C (int16), 2..3 = relative humidity in % (float32, CDAB).
/// </summary>
internal sealed partial class ClassroomSensorSimulator(
    ModbusClassroomSimulatorConfiguration configuration,
    TimeProvider timeProvider,
    ILogger<ClassroomSensorSimulator> logger) : BackgroundService
{
    /// <summary>Ceiling of the simulated CO2 level; a closed classroom rarely goes past it.</summary>
    private const double MaxCo2Ppm = 5000;

    private static readonly TimeSpan UpdateInterval = TimeSpan.FromSeconds(1);

    private ModbusTcpSimulator? _server;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Started before the drivers so the first poll finds the sensor listening.
        _server = new ModbusTcpSimulator(IPAddress.Parse(configuration.Host), configuration.Port, configuration.UnitId);
        await _server.StartAsync(cancellationToken);
        WriteRegisters(configuration.Co2StartPpm);
        LogStarted(logger, configuration.Host, _server.Port, configuration.UnitId, configuration.Co2StartPpm, configuration.Co2RisePerSecondPpm);

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var start = timeProvider.GetTimestamp();
        using var timer = new PeriodicTimer(UpdateInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var seconds = timeProvider.GetElapsedTime(start).TotalSeconds;
                WriteRegisters(Math.Min(MaxCo2Ppm, configuration.Co2StartPpm + (configuration.Co2RisePerSecondPpm * seconds)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void WriteRegisters(double co2Ppm)
    {
        var humidity = BitConverter.SingleToUInt32Bits(45.5f);

        // CDAB: the low word of the float is sent first.
        _server!.SetHoldingRegisters(0, (ushort)Math.Round(co2Ppm), unchecked((ushort)(short)235), (ushort)(humidity & 0xFFFF), (ushort)(humidity >> 16));
    }

    [LoggerMessage(EventId = 1050, Level = LogLevel.Information, Message = "Demo classroom sensor listening on {Host}:{Port}, unit {UnitId}; CO2 starts at {StartPpm} ppm and rises {RisePpmPerSecond} ppm/s")]
    private static partial void LogStarted(ILogger logger, string host, int port, byte unitId, double startPpm, double risePpmPerSecond);
}
