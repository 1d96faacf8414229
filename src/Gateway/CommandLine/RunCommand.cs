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

    public static async Task<int> ExecuteAsync(FileInfo? configFile, string? language, CancellationToken cancellationToken)
    {
        Serilog.Log.Logger = GatewayLogging.CreateBootstrapLogger();
        try
        {
            return await RunAsync(configFile, language, cancellationToken);
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

    private static async Task<int> RunAsync(FileInfo? configFile, string? language, CancellationToken cancellationToken)
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
        if (result.Configuration is not { } site)
        {
            // The lead-in follows the report's language, which may come from the file's gateway.language.
            CultureInfo.CurrentUICulture = result.MessageCulture;
            await Console.Error.WriteLineAsync(GatewayText.Get("RunConfigurationInvalid"));
            await Console.Error.WriteLineAsync(ConfigurationReport.Format(result));
            return ExitCodes.InvalidConfiguration;
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
            });

            LogConfigurationWarnings(host, result);

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
