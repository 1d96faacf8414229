using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Gateway.Configuration;
using SmartCampus.Edge.Gateway.Configuration.Warnings;
using SmartCampus.Edge.Gateway.Downlink;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.Resources;

namespace SmartCampus.Edge.Gateway.CommandLine;

/// <summary><c>smartcampus-edge run</c>: validate the site configuration, lock the data folder, run the host.</summary>
internal static class RunCommand
{
    /// <summary>First 12 hex digits of the file's SHA-256: enough for the district to tell two versions apart.</summary>
    private static string ConfigurationVersionOf(string path) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))[..12];

    /// <summary>The demo campus copied next to the executable at build time.</summary>
    public static string DemoConfigurationPath => Path.Combine(AppContext.BaseDirectory, "demo", "campus.yaml");

    /// <param name="withoutBrokenDevices">
    /// <c>--without-broken-devices</c>: start on the configuration without the devices whose entries have problems, for
    /// this one start, as <c>gateway.startWithoutBrokenDevices: true</c> does for every start.
    /// </param>
    public static async Task<int> ExecuteAsync(FileInfo? configFile, string? language, bool withoutBrokenDevices, CancellationToken cancellationToken)
    {
        Serilog.Log.Logger = GatewayLogging.CreateBootstrapLogger();
        try
        {
            return await RunAsync(configFile, language, withoutBrokenDevices, cancellationToken);
        }
        catch (Exception exception)
        {
            Serilog.Log.Fatal(exception, "The gateway stopped on an unexpected error");
            return ExitCodes.ServiceFaulted;
        }
        finally
        {
            await Serilog.Log.CloseAndFlushAsync();
        }
    }

    /// <summary>Logs the warnings of the loaded configuration through the host's logger, with the positions check prints.</summary>
    internal static void LogConfigurationWarnings(IHost host, SiteConfigurationLoadResult result) =>
        ConfigurationWarnings.WriteTo(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConfigurationWarnings)), result);

    /// <summary>Logs every problem and the left-out devices and rules through the host's logger, when the start left any out.</summary>
    internal static void LogLeftOut(IHost host, SiteConfigurationLoadResult result, StartConfiguration start)
    {
        if (start.LeftOut is { } leftOut)
        {
            ConfigurationReport.WriteStartWithout(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConfigurationReport)), result, leftOut);
        }
    }

    private static async Task<int> RunAsync(FileInfo? configFile, string? language, bool withoutBrokenDevices, CancellationToken cancellationToken)
    {
        if (language is not null && !OperatorCulture.IsSupported(language))
        {
            await Console.Error.WriteLineAsync(GatewayText.Format("LanguageInvalid", language));
            return ExitCodes.InvalidConfiguration;
        }

        OperatorCulture.Apply(language);
        var path = configFile?.FullName ?? DemoConfigurationPath;
        if (configFile is null)
        {
            await Console.Out.WriteLineAsync(GatewayText.Format("RunDemoConfiguration", path));
        }

        // A district configuration update that was written before the last restart is tried or rolled back here.
        var configurationChange = configFile is null ? null : ConfigurationTrial.PrepareStart(path, language is null ? null : CultureInfo.GetCultureInfo(language));
        var result = SiteConfigurationLoader.Load(path, language is null ? null : CultureInfo.GetCultureInfo(language));
        if (StartConfiguration.Choose(result, withoutBrokenDevices) is not { } start)
        {
            // The lead-in follows the report's language, which may come from the file's gateway.language.
            CultureInfo.CurrentUICulture = result.MessageCulture;
            await Console.Error.WriteLineAsync(GatewayText.Get("RunConfigurationInvalid"));
            await Console.Error.WriteLineAsync(ConfigurationReport.Format(result));
            return ExitCodes.InvalidConfiguration;
        }

        var site = start.Site;
        if (start.LeftOut is not null)
        {
            // The operator chose this start, but still reads why each device is missing before the log takes over.
            CultureInfo.CurrentUICulture = result.MessageCulture;
            await Console.Error.WriteLineAsync(GatewayText.Get("RunWithoutBrokenDevices"));
            await Console.Error.WriteLineAsync(ConfigurationReport.Format(result));
        }

        OperatorCulture.Apply(language ?? site.Gateway.Language?.Name);
        if (!InstanceLock.TryAcquire(site.Gateway.DataDirectory, out var instanceLock))
        {
            await Console.Error.WriteLineAsync(GatewayText.Format("RunInstanceLocked", site.Gateway.DataDirectory));
            return ExitCodes.InstanceLocked;
        }

        using (instanceLock)
        {
            using var host = GatewayHost.Build(site, new GatewayHostSettings
            {
                Language = language is null ? null : CultureInfo.GetCultureInfo(language),
                ConfigurationVersion = ConfigurationVersionOf(path),
                ConfigurationPath = configFile is null ? null : path,
                ConfigurationChange = configurationChange,
                LeftOut = start.LeftOut is { } leftOut ? LeftOutDevices.From(result, leftOut) : null,
            });

            LogConfigurationWarnings(host, result);
            LogLeftOut(host, result, start);

            // RunAsync disposes the service provider, so the services are taken before it.
            var services = host.Services.GetServices<IHostedService>().ToList();
            var restart = host.Services.GetRequiredService<GatewayRestart>();
            await host.RunAsync(cancellationToken);

            if (restart.Requested)
            {
                return ExitCodes.RestartRequested;
            }

            var faulted = HostFaults.FindFaulted(services);
            if (faulted is not null)
            {
                await Console.Error.WriteLineAsync(GatewayText.Format("RunServiceFaulted", faulted, Path.Combine(site.Gateway.DataDirectory, "logs")));
                return ExitCodes.ServiceFaulted;
            }

            return ExitCodes.Success;
        }
    }
}
