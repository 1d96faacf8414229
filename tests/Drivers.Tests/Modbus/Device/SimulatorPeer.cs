using System.Net;
using SmartCampus.Edge.Drivers.Modbus.Simulation;

namespace SmartCampus.Edge.Drivers.Tests.Modbus.Device;

/// <summary>The in-process <see cref="ModbusTcpSimulator"/> as a suite peer.</summary>
public sealed class SimulatorPeer : IModbusTestPeer
{
    private readonly ModbusTcpSimulator _simulator;

    private SimulatorPeer(ModbusTcpSimulator simulator)
    {
        _simulator = simulator;
    }

    public int Port => _simulator.Port;

    /// <summary>Starts a simulator whose banks hold addresses 0..registerCount-1, preset from the maps.</summary>
    public static async Task<SimulatorPeer> StartAsync(
        byte unitId,
        int registerCount,
        IReadOnlyDictionary<ushort, ushort> holding,
        IReadOnlyDictionary<ushort, ushort> input)
    {
        var simulator = new ModbusTcpSimulator(IPAddress.Loopback, 0, unitId, registerCount, registerCount);
        foreach (var (address, value) in holding)
        {
            simulator.SetHoldingRegister(address, value);
        }

        foreach (var (address, value) in input)
        {
            simulator.SetInputRegister(address, value);
        }

        await simulator.StartAsync(CancellationToken.None);
        return new SimulatorPeer(simulator);
    }

    public Task SetHoldingRegistersAsync(ushort address, ushort[] values)
    {
        _simulator.SetHoldingRegisters(address, values);
        return Task.CompletedTask;
    }

    public Task<ushort[]> GetHoldingRegistersAsync(ushort address, int count)
    {
        var values = Enumerable.Range(address, count).Select(a => _simulator.GetHoldingRegister((ushort)a)).ToArray();
        return Task.FromResult(values);
    }

    public Task StopAsync() => _simulator.StopAsync(CancellationToken.None);

    public Task StartAgainAsync() => _simulator.StartAsync(CancellationToken.None);

    public ValueTask DisposeAsync() => _simulator.DisposeAsync();
}
