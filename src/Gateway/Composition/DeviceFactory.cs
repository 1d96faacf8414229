using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Abstractions;
using SmartCampus.Edge.Drivers.Gpio;
using SmartCampus.Edge.Drivers.I2c;
using SmartCampus.Edge.Drivers.Modbus.Decoding;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Protocol;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Drivers.Mqtt;
using SmartCampus.Edge.Drivers.Mqtt.Gates;
using SmartCampus.Edge.Drivers.Mqtt.Sensors;
using SmartCampus.Edge.Drivers.Serial;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Devices;
using ConfigGpioDirection = SmartCampus.Edge.Gateway.Configuration.Model.Devices.GpioDirection;
using ConfigGpioDriverKind = SmartCampus.Edge.Gateway.Configuration.Model.Devices.GpioDriverKind;
using ConfigModbusDataType = SmartCampus.Edge.Gateway.Configuration.Model.Devices.ModbusDataType;
using ConfigModbusWordOrder = SmartCampus.Edge.Gateway.Configuration.Model.Devices.ModbusWordOrder;
using DriverGpioDirection = SmartCampus.Edge.Drivers.Gpio.GpioDirection;
using DriverGpioDriverKind = SmartCampus.Edge.Drivers.Gpio.GpioDriverKind;
using DriverModbusDataType = SmartCampus.Edge.Drivers.Modbus.Decoding.ModbusDataType;
using DriverModbusWordOrder = SmartCampus.Edge.Drivers.Modbus.Decoding.ModbusWordOrder;

namespace SmartCampus.Edge.Gateway.Composition;

/// <summary>Creates the drivers that a validated site configuration describes.</summary>
internal static class DeviceFactory
{
    /// <summary>Client id of the gateway on the campus broker; one per school gateway.</summary>
    public static string CampusClientId(SiteConfiguration site) => $"{site.School.Id}-{site.Gateway.Id}-devices";

    /// <summary>File in the data folder with the class boards' current notices, so that they survive a restart.</summary>
    public const string NoticeStoreFileName = "class-board-notices.json";

    public static DeviceSet Create(SiteConfiguration site, GatewayClock clock, ILoggerFactory loggerFactory)
    {
        var drivers = new List<IDeviceDriver>();
        var simulatedGpio = new Dictionary<string, SimulatedGpioDriver>(StringComparer.Ordinal);
        var buses = new Dictionary<string, (ModbusRtuBus Bus, ModbusRtuBusOptions Options)>(StringComparer.Ordinal);
        var tcpClients = SharedModbusTcpClients.Create(site, clock, loggerFactory);

        foreach (var device in site.Devices)
        {
            switch (device)
            {
                case ModbusTcpDeviceConfiguration modbus:
                    tcpClients.TryGetValue(SharedModbusTcpClients.EndpointOf(modbus), out var sharedClient);
                    drivers.Add(new ModbusTcpDevice(ToOptions(modbus), sharedClient, clock, loggerFactory.CreateLogger<ModbusTcpDevice>()));
                    break;

                case ModbusRtuDeviceConfiguration rtu:
                    // Devices on one serial port share one bus, which runs one transaction at a time.
                    if (!buses.TryGetValue(rtu.BusName, out var bus))
                    {
                        var busOptions = ToBusOptions(rtu);
                        bus = (new ModbusRtuBus(busOptions, clock.TimeProvider, loggerFactory.CreateLogger<ModbusRtuBus>()), busOptions);
                        buses.Add(rtu.BusName, bus);
                    }

                    drivers.Add(new ModbusRtuDevice(ToOptions(rtu), bus.Bus, bus.Options, clock, loggerFactory.CreateLogger<ModbusRtuDevice>()));
                    break;

                case GpioDeviceConfiguration gpio:
                    var handle = GpioControllerFactory.Create(ToDriverKind(gpio.Driver));
                    if (handle.Simulator is { } simulator)
                    {
                        simulatedGpio[gpio.Id] = simulator;
                    }

                    drivers.Add(new GpioDevice(ToOptions(gpio), handle.Controller, clock, loggerFactory.CreateLogger<GpioDevice>()));
                    break;

                case I2cSensorConfiguration i2c:
                    drivers.Add(new I2cSensorDevice(ToOptions(i2c), clock, loggerFactory.CreateLogger<I2cSensorDevice>()));
                    break;
            }
        }

        var mqtt = new CampusMqttOptions
        {
            Host = site.CampusBroker.Host,
            Port = site.CampusBroker.Port,
            Username = site.CampusBroker.Username,
            Password = site.CampusBroker.Password,
            ClientId = CampusClientId(site),
            PersistentSession = site.CampusBroker.Mode == CampusBrokerMode.External && site.CampusBroker.PersistentSession,
            SessionExpiry = site.CampusBroker.SessionExpiry,
            UseTls = site.CampusBroker.UseTls,
            TlsCaFile = site.CampusBroker.TlsCaFile,
            TlsClientCertificateFile = site.CampusBroker.TlsClientCertificateFile,
            TlsClientKeyFile = site.CampusBroker.TlsClientKeyFile,
        };

        var boards = site.Devices.OfType<ClassBoardConfiguration>().Select(ToOptions).ToList();
        ClassBoardHub? hub = null;
        if (boards.Count > 0)
        {
            var protocol = new ClassBoardHubOptions { NoticeStorePath = Path.Combine(site.Gateway.DataDirectory, NoticeStoreFileName) };
            hub = new ClassBoardHub(mqtt, boards, clock, loggerFactory.CreateLogger<ClassBoardHub>(), protocol: protocol);
            drivers.Add(hub);
        }

        foreach (var gate in site.Devices.OfType<AccessGateConfiguration>())
        {
            var options = new AccessGateOptions
            {
                DeviceId = gate.Id,
                Building = gate.Building,
                Location = gate.Location,
                CommandTimeout = gate.CommandTimeout,
            };
            drivers.Add(new AccessGateDriver(options, mqtt, clock, loggerFactory.CreateLogger<AccessGateDriver>()));
        }

        var sensors = site.Devices.OfType<MqttSensorConfiguration>().Select(ToMapping).ToList();
        if (sensors.Count > 0)
        {
            var sensorMqtt = new CampusMqttOptions
            {
                Host = mqtt.Host,
                Port = mqtt.Port,
                Username = mqtt.Username,
                Password = mqtt.Password,
                ClientId = $"{mqtt.ClientId}-sensors",
                PersistentSession = mqtt.PersistentSession,
                SessionExpiry = mqtt.SessionExpiry,
                UseTls = mqtt.UseTls,
                TlsCaFile = mqtt.TlsCaFile,
                TlsClientCertificateFile = mqtt.TlsClientCertificateFile,
                TlsClientKeyFile = mqtt.TlsClientKeyFile,
            };
            drivers.Add(new MqttSensorDriver(sensorMqtt, sensors, clock, loggerFactory.CreateLogger<MqttSensorDriver>()));
        }

        IAsyncDisposable[] sharedTransports = [.. buses.Values.Select(entry => entry.Bus), .. tcpClients.Values];
        return new DeviceSet(new DeviceRegistry(drivers, hub, sharedTransports), simulatedGpio);
    }

    /// <summary>One sensor's payloads on <c>campus/sensors/{id}/#</c>, each point read by its JSON path.</summary>
    private static MqttSensorMapping ToMapping(MqttSensorConfiguration sensor) => new()
    {
        TopicFilter = MqttSensorTopics.Prefix(sensor.Id) + "#",
        DeviceId = sensor.Id,
        Points = sensor.Points.Select(point => new MqttSensorPointOptions
        {
            Name = point.Id,
            JsonPath = point.JsonPath,
            Type = point.Kind switch
            {
                MqttSensorValueKind.Boolean => MqttSensorValueType.Boolean,
                MqttSensorValueKind.Text => MqttSensorValueType.Text,
                _ => MqttSensorValueType.Number,
            },
            Scale = point.Scale,
            Offset = point.Offset,
            Unit = point.Unit,
        }).ToArray(),
    };

    internal static ModbusTcpDeviceOptions ToOptions(ModbusTcpDeviceConfiguration device) => new()
    {
        DeviceId = device.Id,
        Host = device.Host,
        Port = device.Port,
        UnitId = device.UnitId,
        PollInterval = device.PollInterval,
        Timeout = device.Timeout,
        Retries = device.Retries,
        MaxBackoff = device.MaxBackoff,
        MaxRegistersPerRequest = device.RequestLimits.MaxRegistersPerRequest ?? ModbusLimits.MaxReadRegisters,
        MaxBitsPerRequest = device.RequestLimits.MaxBitsPerRequest ?? ModbusLimits.MaxReadBits,
        MaxGap = device.RequestLimits.MaxGap ?? 0,
        Points = device.Points.Select(ToPointOptions).ToArray(),
    };

    internal static ModbusRtuBusOptions ToBusOptions(ModbusRtuDeviceConfiguration device) => new()
    {
        PortName = device.SerialPort,
        TunnelHost = device.TunnelHost,
        TunnelPort = device.TunnelPort,
        BaudRate = device.BaudRate,
        Parity = device.Parity switch
        {
            SerialParity.Even => System.IO.Ports.Parity.Even,
            SerialParity.Odd => System.IO.Ports.Parity.Odd,
            _ => System.IO.Ports.Parity.None,
        },
        DataBits = device.DataBits,
        StopBits = device.StopBits == 2 ? System.IO.Ports.StopBits.Two : System.IO.Ports.StopBits.One,
        SerialDriver = device.SerialDriver switch
        {
            SerialDriverKind.Linux => SerialPortDriver.Linux,
            SerialDriverKind.SystemIOPorts => SerialPortDriver.SystemIOPorts,
            _ => SerialPortDriver.Auto,
        },
    };

    internal static ModbusRtuDeviceOptions ToOptions(ModbusRtuDeviceConfiguration device) => new()
    {
        DeviceId = device.Id,
        UnitId = device.UnitId,
        PollInterval = device.PollInterval,
        Timeout = device.Timeout,
        Retries = device.Retries,
        MaxBackoff = device.MaxBackoff,
        MaxRegistersPerRequest = device.RequestLimits.MaxRegistersPerRequest ?? ModbusLimits.MaxReadRegisters,
        MaxBitsPerRequest = device.RequestLimits.MaxBitsPerRequest ?? ModbusLimits.MaxReadBits,
        MaxGap = device.RequestLimits.MaxGap ?? 0,
        Priority = device.Priority switch
        {
            Configuration.Model.Devices.ModbusPollPriority.Safety => Drivers.Modbus.Rtu.ModbusPollPriority.Safety,
            Configuration.Model.Devices.ModbusPollPriority.Comfort => Drivers.Modbus.Rtu.ModbusPollPriority.Comfort,
            _ => Drivers.Modbus.Rtu.ModbusPollPriority.Normal,
        },
        Points = device.Points.Select(ToPointOptions).ToArray(),
    };

    internal static ModbusPointOptions ToPointOptions(ModbusPointConfiguration point) => new()
    {
        Name = point.Id,
        Function = point.Function switch
        {
            ModbusFunction.Input => ModbusRegisterKind.Input,
            ModbusFunction.Coil => ModbusRegisterKind.Coil,
            ModbusFunction.DiscreteInput => ModbusRegisterKind.DiscreteInput,
            _ => ModbusRegisterKind.Holding,
        },
        Address = checked((ushort)point.Address),
        Type = ToDataType(point.DataType),
        Order = ToWordOrder(point.WordOrder),
        Length = point.Length,
        Scale = point.Scale,
        Offset = point.Offset,
        Unit = point.Unit,
        Bit = point.Bit,
        WriteOrder = point.WriteOrder is { } writeOrder ? ToWordOrder(writeOrder) : null,
        VerifyWrite = point.VerifyWrite,
        ReportOnChange = point.ReportOnChange,
        Deadband = point.Deadband,
        MaxSilence = point.MaxSilence,
    };

    private static GpioDeviceOptions ToOptions(GpioDeviceConfiguration device) => new()
    {
        DeviceId = device.Id,
        Driver = ToDriverKind(device.Driver),
        Points = [.. device.Points.Select(point => new GpioPointOptions
        {
            Name = point.Id,
            Direction = point.Direction == ConfigGpioDirection.Output ? DriverGpioDirection.Output : DriverGpioDirection.Input,
            Pin = point.Pin,
            ActiveLow = point.ActiveLow,
            Debounce = point.Debounce,
            SafeState = point.SafeState,
            OutputMode = point.Pulse is null ? GpioOutputMode.Latch : GpioOutputMode.Pulse,
            PulseDuration = point.Pulse ?? TimeSpan.FromSeconds(3),
        })],
    };

    private static I2cSensorOptions ToOptions(I2cSensorConfiguration sensor) => new()
    {
        DeviceId = sensor.Id,
        BusId = sensor.Bus,
        Address = sensor.Address,
        Model = sensor.Model switch
        {
            I2cSensorChip.Sht3x => I2cSensorModel.Sht3x,
            I2cSensorChip.Scd4x => I2cSensorModel.Scd4x,
            _ => throw new ArgumentOutOfRangeException(nameof(sensor), sensor.Model, "I2C sensor model has no driver mapping."),
        },
        PollInterval = sensor.PollInterval,
    };

    private static ClassBoardOptions ToOptions(ClassBoardConfiguration board) => new()
    {
        DeviceId = board.Id,
        Building = board.Building,
        Floor = board.Floor,
        Room = board.Room,
        HeartbeatTimeout = board.HeartbeatTimeout,
        SwipeRepeatWindow = board.SwipeRepeatWindow,
    };

    private static DriverGpioDriverKind ToDriverKind(ConfigGpioDriverKind kind) =>
        kind == ConfigGpioDriverKind.Hardware ? DriverGpioDriverKind.Hardware : DriverGpioDriverKind.Simulated;

    private static DriverModbusDataType ToDataType(ConfigModbusDataType type) => type switch
    {
        ConfigModbusDataType.Int16 => DriverModbusDataType.Int16,
        ConfigModbusDataType.UInt16 => DriverModbusDataType.UInt16,
        ConfigModbusDataType.Int32 => DriverModbusDataType.Int32,
        ConfigModbusDataType.UInt32 => DriverModbusDataType.UInt32,
        ConfigModbusDataType.Int64 => DriverModbusDataType.Int64,
        ConfigModbusDataType.UInt64 => DriverModbusDataType.UInt64,
        ConfigModbusDataType.Float32 => DriverModbusDataType.Float32,
        ConfigModbusDataType.Float64 => DriverModbusDataType.Float64,
        ConfigModbusDataType.String => DriverModbusDataType.String,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Data type has no Modbus driver mapping."),
    };

    private static DriverModbusWordOrder ToWordOrder(ConfigModbusWordOrder order) => order switch
    {
        ConfigModbusWordOrder.Abcd => DriverModbusWordOrder.ABCD,
        ConfigModbusWordOrder.Cdab => DriverModbusWordOrder.CDAB,
        ConfigModbusWordOrder.Badc => DriverModbusWordOrder.BADC,
        ConfigModbusWordOrder.Dcba => DriverModbusWordOrder.DCBA,
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "Word order has no Modbus driver mapping."),
    };
}
