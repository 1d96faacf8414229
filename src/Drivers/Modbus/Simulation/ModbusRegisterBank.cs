namespace SmartCampus.Edge.Drivers.Modbus.Simulation;

/// <summary>A table of registers at addresses 0..Count-1, safe to read and write from several threads.</summary>
internal sealed class ModbusRegisterBank
{
    private readonly ushort[] _registers;
    private readonly Lock _lock = new();

    public ModbusRegisterBank(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, ushort.MaxValue + 1);
        _registers = new ushort[count];
    }

    public int Count => _registers.Length;

    /// <summary>True when every register in address..address+quantity-1 exists.</summary>
    public bool Contains(ushort address, int quantity) => quantity >= 0 && address + quantity <= _registers.Length;

    public ushort[] Read(ushort address, int quantity)
    {
        ThrowIfOutside(address, quantity);
        lock (_lock)
        {
            return _registers.AsSpan(address, quantity).ToArray();
        }
    }

    public void Write(ushort address, ReadOnlySpan<ushort> values)
    {
        ThrowIfOutside(address, values.Length);
        lock (_lock)
        {
            values.CopyTo(_registers.AsSpan(address));
        }
    }

    private void ThrowIfOutside(ushort address, int quantity)
    {
        if (!Contains(address, quantity))
        {
            throw new ArgumentOutOfRangeException(
                nameof(address),
                address,
                $"Registers {address}..{address + quantity - 1} are outside the bank of {_registers.Length} registers.");
        }
    }
}
