using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Serilog;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.CampusBroker;
using SmartCampus.Edge.Gateway.Composition;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Configuration.Model.Simulators;
using SmartCampus.Edge.Gateway.Demo;
using SmartCampus.Edge.Gateway.Devices;
using SmartCampus.Edge.Gateway.Downlink;
using SmartCampus.Edge.Gateway.Hosting.Systemd;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.RuleState;
using SmartCampus.Edge.Rules.State;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Sync.Downlink;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Status;
using SmartCampus.Edge.Sync.ThingsBoard;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Gateway.Hosting;

/// <summary>
/// Composes the gateway from a validated site configuration. Hosted services start in the order registered here
/// and stop in reverse: campus broker, demo sensor, uplink, action router, pipeline, drivers, demo smoke trip.
/// </summary>
public static class GatewayHost
{
    public const string OutboxFileName = "outbox.db";

    /// <summary>Ledger of district command ids already run, so a redelivered command runs once.</summary>
    public const string CommandLedgerFileName = "commands.db";

    public static IHost Build(SiteConfiguration site, GatewayHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(settings);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });

        // READY=1 is sent by SystemdWatchdogService once the pipeline runs, not by the systemd lifetime when the host
        // has started, so the console lifetime (which also stops the host on SIGTERM) is kept.
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        builder.Services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
        builder.Services.AddSingleton(SystemdWatchdogSettings.FromEnvironment());
        builder.Services.Configure<HostOptions>(options =>
        {
            options.ShutdownTimeout = TimeSpan.FromSeconds(20);
            options.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });

        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<RecentLogSink>();
        builder.Services.AddSerilog(
            (services, configuration) =>
            {
                GatewayLogging.Configure(configuration, site.Gateway.DataDirectory, settings.WriteLogToConsole);
                configuration.WriteTo.Sink(services.GetRequiredService<RecentLogSink>());
            },
            preserveStaticLogger: !settings.ReplaceStaticLogger);

        AddCore(builder.Services, site, settings);
        AddHostedServices(builder.Services, site, settings);

        return builder.Build();
    }

    private static void AddCore(IServiceCollection services, SiteConfiguration site, GatewayHostSettings settings)
    {
        var timeProvider = settings.TimeProvider;
        services.AddSingleton(timeProvider);
        var bootId = BootId.Read();
        services.AddSingleton(new GatewayClock(timeProvider, bootId));
        services.AddSingleton<IClockSynchronisation>(new Sync.Clock.SystemClockSynchronisation());
        services.AddSingleton(site);
        services.AddSingleton(new OperatorLanguage(settings.Language ?? site.Gateway.Language ?? System.Globalization.CultureInfo.CurrentUICulture));
        services.AddSingleton<FieldChannel>();
        services.AddSingleton(new PipelineHeartbeat(timeProvider));
        services.AddSingleton<PointTable>();
        services.AddSingleton<DeviceStatusTable>();
        services.AddSingleton<AlarmHistory>();
        services.AddSingleton(settings);
        services.AddSingleton<IGatewayStatusSource, GatewayStatusSource>();

        services.AddSingleton(provider => new OutboxStore(
            OutboxOptionsFor(site, settings, bootId, provider),
            timeProvider,
            provider.GetRequiredService<ILogger<OutboxStore>>()));

        services.AddSingleton(provider => new RuleEngine(
            RuleDefinitionFactory.Create(site),
            timeProvider,
            provider.GetRequiredService<ILogger<RuleEngine>>()));

        services.AddSingleton<IRuleStateStore>(provider => new FileRuleStateStore(
            Path.Combine(site.Gateway.DataDirectory, FileRuleStateStore.FileName),
            provider.GetRequiredService<ILogger<FileRuleStateStore>>()));

        services.AddSingleton(provider => DeviceFactory.Create(
            site,
            provider.GetRequiredService<GatewayClock>(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(provider => provider.GetRequiredService<DeviceSet>().Registry);
    }

    private static OutboxOptions OutboxOptionsFor(SiteConfiguration site, GatewayHostSettings settings, string bootId, IServiceProvider provider)
    {
        var options = new OutboxOptions
        {
            DatabasePath = Path.Combine(site.Gateway.DataDirectory, OutboxFileName),
            MaxDiskBytes = site.Outbox.MaxDiskMegabytes * 1024L * 1024L,
            ClockSynchronisation = provider.GetRequiredService<IClockSynchronisation>(),
            BootId = bootId,
            AlarmReserveBytes = site.Outbox.AlarmReserveMegabytes * 1024L * 1024L,
            Downsampling = site.Outbox.DownsampleAfter is { } after ? new MinMaxMeanDownsampling(after, site.Outbox.DownsampleInterval) : null,
            CompactionInterval = site.Outbox.CompactionInterval,
            CompactionMinFreeBytes = site.Outbox.CompactionMinFreeMegabytes * 1024L * 1024L,
        };
        settings.ConfigureOutbox?.Invoke(options);
        return options;
    }

    private static void AddHostedServices(IServiceCollection services, SiteConfiguration site, GatewayHostSettings settings)
    {
        services.AddHostedService<SystemdWatchdogService>();
        if (site.CampusBroker.Mode == CampusBrokerMode.Embedded)
        {
            services.AddSingleton(provider => new CampusBrokerHost(
                CampusBrokerOptionsFactory.Create(site),
                provider.GetRequiredService<ILogger<CampusBrokerHost>>(),
                provider.GetRequiredService<TimeProvider>()));
            services.AddHostedService(provider => provider.GetRequiredService<CampusBrokerHost>());
        }

        foreach (var sensor in site.Simulators.OfType<ModbusClassroomSimulatorConfiguration>())
        {
            services.AddHostedService(provider => ActivatorUtilities.CreateInstance<ClassroomSensorSimulator>(provider, sensor));
        }

        services.AddSingleton<GatewayRestart>();
        if (site.District.CommandKeyFile is { } keyFile)
        {
            services.AddSingleton<IDistrictAlarmCommands, PipelineAlarmCommands>();
            services.AddSingleton<IDownlinkCommandHandler, DistrictCommandHandler>();
            services.AddSingleton(provider => new DownlinkProcessor(
                new DownlinkOptions
                {
                    KeyFile = keyFile,
                    LedgerPath = Path.Combine(site.Gateway.DataDirectory, CommandLedgerFileName),
                },
                provider.GetRequiredService<IDownlinkCommandHandler>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<DownlinkProcessor>>()));
        }

        if (site.District.Profile == DistrictProfile.ThingsBoard)
        {
            AddThingsBoardUplink(services, site);
        }
        else
        {
            services.AddSingleton(provider => new DistrictUplink(
                UplinkOptionsFactory.Create(site),
                provider.GetRequiredService<OutboxStore>(),
                provider.GetRequiredService<IGatewayStatusSource>(),
                provider.GetService<DownlinkProcessor>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<DistrictUplink>>()));
            services.AddSingleton<IUplinkStateSource>(provider => provider.GetRequiredService<DistrictUplink>());
            services.AddHostedService(provider => provider.GetRequiredService<DistrictUplink>());
        }

        services.AddSingleton(provider => new CampusPublisher(
            site.CampusBroker.Host,
            site.CampusBroker.Port,
            site.CampusBroker.Username,
            site.CampusBroker.Password,
            $"{site.School.Id}-{site.Gateway.Id}-rules",
            provider.GetRequiredService<ILogger<CampusPublisher>>(),
            CampusMqttTlsFactory.Create(site)));

        if (settings.ConfigurationPath is { } configurationPath && settings.ConfigurationChange is { } change)
        {
            services.AddHostedService(provider => new ConfigurationConfirmation(
                configurationPath,
                change,
                provider.GetRequiredService<OutboxStore>(),
                provider.GetRequiredService<GatewayRestart>(),
                provider.GetRequiredService<OperatorLanguage>(),
                provider.GetService<IUplinkStateSource>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<ConfigurationConfirmation>>()));
        }

        services.AddSingleton(BoardDirectory.From(site));
        services.AddSingleton<UnstoredRecords>();
        services.AddSingleton<ActionRouter>();
        services.AddHostedService(provider => provider.GetRequiredService<ActionRouter>());
        services.AddSingleton<PipelineService>();
        services.AddHostedService(provider => provider.GetRequiredService<PipelineService>());
        services.AddSingleton<DeviceSupervisor>();
        services.AddHostedService(provider => provider.GetRequiredService<DeviceSupervisor>());

        if (site.Console.Enabled)
        {
            // Started after the pipeline and the drivers, so the console never shows a gateway half up.
            services.AddSingleton<WebConsole.Hosting.ConsoleService>();
            services.AddHostedService(provider => provider.GetRequiredService<WebConsole.Hosting.ConsoleService>());
        }

        foreach (var trip in site.Simulators.OfType<SmokeTripSimulatorConfiguration>())
        {
            services.AddHostedService(provider => CreateSmokeTrip(provider, site, trip));
        }
    }

    /// <summary>
    /// Registers the ThingsBoard profile of the district link. With <c>rpc: true</c> its RPCs run through the same
    /// command handler as signed district commands, so life-safety interlocks still win.
    /// </summary>
    private static void AddThingsBoardUplink(IServiceCollection services, SiteConfiguration site)
    {
        if (site.District.Rpc && site.District.CommandKeyFile is null)
        {
            services.AddSingleton<IDistrictAlarmCommands, PipelineAlarmCommands>();
            services.AddSingleton<IDownlinkCommandHandler, DistrictCommandHandler>();
        }

        services.AddSingleton(provider => new ThingsBoardUplink(
            UplinkOptionsFactory.Create(site),
            ThingsBoardOptionsFactory.Create(site),
            provider.GetRequiredService<OutboxStore>(),
            provider.GetRequiredService<IGatewayStatusSource>(),
            provider.GetService<IDownlinkCommandHandler>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ThingsBoardUplink>>()));
        services.AddSingleton<IUplinkStateSource>(provider => provider.GetRequiredService<ThingsBoardUplink>());
        services.AddHostedService(provider => provider.GetRequiredService<ThingsBoardUplink>());
    }

    private static SmokeTripSimulator CreateSmokeTrip(IServiceProvider provider, SiteConfiguration site, SmokeTripSimulatorConfiguration trip)
    {
        var devices = provider.GetRequiredService<DeviceSet>();
        var point = site.Devices
            .OfType<GpioDeviceConfiguration>()
            .Where(device => device.Id == trip.Point.Device)
            .SelectMany(device => device.Points)
            .FirstOrDefault(point => point.Id == trip.Point.Point && point.Direction == GpioDirection.Input);

        if (point is null || !devices.SimulatedGpio.TryGetValue(trip.Point.Device, out var simulator))
        {
            throw new InvalidOperationException(
                $"Simulator smoke-trip needs a GPIO input on a device with driver 'simulated', but {trip.Point} is not one. Point it at a simulated input or remove it.");
        }

        return new SmokeTripSimulator(
            trip,
            simulator,
            point.Pin,
            point.ActiveLow,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<SmokeTripSimulator>>());
    }
}
