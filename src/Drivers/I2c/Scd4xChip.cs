using System.Buffers.Binary;
using System.Device.I2c;

namespace SmartCampus.Edge.Drivers.I2c;

/// <summary>
/// A Sensirion SCD40/SCD41 in periodic measurement mode (a new CO2, temperature and humidity value every 5 s),
/// driven with the chip's commands from the SCD4x datasheet §3.
/// </summary>
/// <remarks>
/// NOTE: Iot.Device.Bindings 4.2 has <c>Iot.Device.Scd4x.Scd4x</c>, but it does not fit a poll loop that shares the
/// thread pool: its constructor and <c>StopPeriodicMeasurements</c> block the thread with Thread.Sleep for 520 ms,
/// its Dispose does not stop the measurement, and its data-ready check returns false on a CRC error, so a disturbed
/// bus looks like "no data yet". The four commands used here are short enough to send directly.
/// </remarks>
internal sealed class Scd4xChip : II2cSensorChip
{
    public const int DefaultAddress = 0x62;

    /// <summary>Time from start_periodic_measurement to the first value, and between values (datasheet §3.5.1).</summary>
    public static readonly TimeSpan MeasurementPeriod = TimeSpan.FromSeconds(5);

    private const ushort StartPeriodicMeasurement = 0x21B1;
    private const ushort ReadMeasurement = 0xEC05;
    private const ushort StopPeriodicMeasurement = 0x3F86;
    private const ushort GetDataReadyStatus = 0xE4B8;

    /// <summary>Time the chip needs after stop_periodic_measurement before it accepts another command (datasheet §3.5.3).</summary>
    private static readonly TimeSpan StopDuration = TimeSpan.FromMilliseconds(500);

    private readonly I2cDevice _bus;
    private readonly string _deviceId;

    private Scd4xChip(I2cDevice bus, string deviceId)
    {
        _bus = bus;
        _deviceId = deviceId;
    }

    public TimeSpan MinimumInterval => MeasurementPeriod;

    private string Address => I2cChipFault.Address(_bus);

    /// <summary>
    /// Starts periodic measurement. A chip still measuring (the gateway stopped without stopping it) rejects the
    /// start command with a NACK: then it is stopped, given 500 ms, and started again.
    /// </summary>
    public static async Task<Scd4xChip> StartAsync(I2cDevice bus, string deviceId, TimeProvider time, CancellationToken cancellationToken)
    {
        var chip = new Scd4xChip(bus, deviceId);
        try
        {
            chip.Send(StartPeriodicMeasurement);
        }
        catch (IOException)
        {
            chip.Send(StopPeriodicMeasurement);
            await Task.Delay(StopDuration, time, cancellationToken);
            chip.Send(StartPeriodicMeasurement);
        }

        return chip;
    }

    public IReadOnlyList<I2cSensorReading>? Read()
    {
        Span<byte> status = stackalloc byte[3];
        Query(GetDataReadyStatus, status);

        // The low 11 bits of the status word are 0 while no new measurement is ready (datasheet §3.8.2).
        if ((BinaryPrimitives.ReadUInt16BigEndian(status) & 0x07FF) == 0)
        {
            return null;
        }

        Span<byte> frame = stackalloc byte[9];
        Query(ReadMeasurement, frame);
        var co2 = BinaryPrimitives.ReadUInt16BigEndian(frame);
        var temperature = -45 + (175.0 * BinaryPrimitives.ReadUInt16BigEndian(frame[3..]) / 65535);
        var humidity = 100.0 * BinaryPrimitives.ReadUInt16BigEndian(frame[6..]) / 65535;

        // Output range of the SCD4x: 0 to 40,000 ppm, and the specified operating range −10 to 60 °C, 0 to 100 %RH.
        return
        [
            new I2cSensorReading(I2cSensorDevice.Co2Point, co2, 0, 40_000),
            new I2cSensorReading(I2cSensorDevice.TemperaturePoint, temperature, -10, 60),
            new I2cSensorReading(I2cSensorDevice.HumidityPoint, humidity, 0, 100),
        ];
    }

    /// <summary>Builds the exception for a chip that keeps reporting "not ready" although it was started.</summary>
    public IOException NoMeasurement(TimeSpan waited) =>
        new(I2cSensorText.Scd4xNoMeasurement(_deviceId, _bus.ConnectionSettings.BusId, Address, Math.Round(waited.TotalSeconds)));

    /// <summary>Stops periodic measurement so the chip idles at low power, then closes the bus.</summary>
    public void Dispose()
    {
        try
        {
            Send(StopPeriodicMeasurement);
        }
        catch (IOException)
        {
            // An unplugged chip cannot be stopped; it starts idle after power returns, and StartAsync handles one
            // that is still measuring.
        }

        _bus.Dispose();
    }

    private void Send(ushort command)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, command);
        try
        {
            _bus.Write(bytes);
        }
        catch (IOException exception)
        {
            throw NotAnswering(exception);
        }
    }

    /// <summary>Sends a read command and reads its reply after the 1 ms execution time (datasheet §3.3, table 9).</summary>
    private void Query(ushort command, Span<byte> reply)
    {
        Send(command);

        // The chip does not stretch the clock and NACKs a read before the command has run. The wait is a blocking
        // sleep because 1 ms is below the resolution of a timer and it keeps the write and read back to back.
        Thread.Sleep(1);
        try
        {
            _bus.Read(reply);
        }
        catch (IOException exception)
        {
            throw NotAnswering(exception);
        }

        if (!SensirionCrc.FrameValid(reply))
        {
            throw new InvalidDataException(I2cSensorText.Scd4xCrcError(_deviceId, _bus.ConnectionSettings.BusId, Address));
        }
    }

    private IOException NotAnswering(IOException exception) => I2cChipFault.NotAnswering(_bus, _deviceId, exception);
}
