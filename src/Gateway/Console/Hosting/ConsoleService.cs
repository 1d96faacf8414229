using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Devices;
using SmartCampus.Edge.Gateway.Hosting;
using SmartCampus.Edge.Gateway.Pipeline;
using SmartCampus.Edge.Gateway.WebConsole.History;
using SmartCampus.Edge.Gateway.WebConsole.Metrics;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Security;
using SmartCampus.Edge.Rules.Engine;
using SmartCampus.Edge.Sync.Outbox;
using SmartCampus.Edge.Sync.Status;
using SmartCampus.Edge.Sync.Uplink;

namespace SmartCampus.Edge.Gateway.WebConsole.Hosting;

/// <summary>
/// The local web console: a small ASP.NET Core application on Kestrel inside the gateway process, bound to the one
/// configured address. It has its own service container and shares the gateway's read models and queues, which it
/// takes from the gateway's container at start. Started after the pipeline and stopped before it.
/// </summary>
internal sealed class ConsoleService(IServiceProvider gateway) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The console's own services once started; tests enumerate its endpoints through it.</summary>
    public IServiceProvider? Services => _app?.Services;

    /// <summary>Base address, for example https://127.0.0.1:8443; null before start.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>
    /// Starts the console. A console that cannot start (port taken, unreadable certificate) is logged and left off:
    /// the gateway's rules and uplink matter more than its web pages, so they keep running.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var site = gateway.GetRequiredService<SiteConfiguration>();
        try
        {
            await StartConsoleAsync(site, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            var logger = gateway.GetRequiredService<ILoggerFactory>().CreateLogger<ConsoleService>();
            ConsoleLog.StartFailed(logger, site.Console.Address.ToString(), site.Console.Port, exception);
            if (_app is not null)
            {
                await _app.DisposeAsync();
                _app = null;
            }
        }
    }

    private async Task StartConsoleAsync(SiteConfiguration site, CancellationToken cancellationToken)
    {
        var console = site.Console;
        var loggers = gateway.GetRequiredService<ILoggerFactory>();
        var logger = loggers.CreateLogger<ConsoleService>();
        var timeProvider = gateway.GetRequiredService<TimeProvider>();
        var accounts = new ConsoleAccountStore(site.Gateway.DataDirectory, timeProvider);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggers));

        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();

        // Well inside the gateway's own 20 s, so the pipeline and the drivers still get their share of the stop.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var certificate = console.Https ? ConsoleCertificate.Load(console, accounts.Folder, timeProvider, logger) : null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(console.Address, console.Port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });

        ShareGatewayServices(builder.Services);
        builder.Services.AddSingleton(accounts);
        builder.Services.AddSingleton(console);
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<EndedSessions>();
        builder.Services.AddSingleton<ConsoleAudit>();
        builder.Services.AddSingleton(new PointHistory(console.HistorySpan, console.HistoryInterval));
        builder.Services.AddHostedService<PointHistoryRecorder>();
        builder.Services.AddSingleton<PrometheusExporter>();
        builder.Services.AddSingleton<Diagnostics.OutputPulser>();
        AddSecurity(builder.Services, console, accounts, timeProvider);

        _app = builder.Build();

        // Created now so that its listener counts from the start, not from the first scrape.
        _app.Services.GetRequiredService<PrometheusExporter>();
        _app.UseErrorPage();
        _app.UseSecurityHeaders();
        _app.UseConsoleCulture(gateway.GetRequiredService<OperatorLanguage>());
        _app.UseRouting();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.UseCsrfCheck();
        _app.UseForcedPasswordChange();
        ConsoleRoutes.Map(_app, console);

        await _app.StartAsync(cancellationToken);

        var scheme = console.Https ? "https" : "http";
        var host = console.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{console.Address}]" : console.Address.ToString();
        BaseAddress = new Uri($"{scheme}://{host}:{console.Port}");
        var url = BaseAddress.ToString().TrimEnd('/');
        ConsoleLog.Listening(logger, url);

        if (!accounts.HasAccount)
        {
            var setupCode = accounts.CreateSetupCode();
            ConsoleLog.SetupCodeCreated(logger, setupCode, url);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
            var logger = gateway.GetRequiredService<ILoggerFactory>().CreateLogger<ConsoleService>();
            ConsoleLog.Stopped(logger);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>The gateway's singletons the pages read: the same instances, not copies.</summary>
    private void ShareGatewayServices(IServiceCollection services)
    {
        Share<SiteConfiguration>(services);
        Share<TimeProvider>(services);
        Share<GatewayClock>(services);
        Share<OperatorLanguage>(services);
        Share<GatewayHostSettings>(services);
        Share<PointTable>(services);
        Share<DeviceStatusTable>(services);
        Share<AlarmHistory>(services);
        Share<FieldChannel>(services);
        Share<RuleEngine>(services);
        Share<OutboxStore>(services);
        Share<IUplinkStateSource>(services);
        Share<IGatewayStatusSource>(services);
        Share<DeviceRegistry>(services);
        Share<PipelineService>(services);
        Share<Downlink.GatewayRestart>(services);
    }

    private void Share<T>(IServiceCollection services)
        where T : class => services.AddSingleton(gateway.GetRequiredService<T>());

    private static void AddSecurity(IServiceCollection services, ConsoleConfiguration console, ConsoleAccountStore accounts, TimeProvider timeProvider)
    {
        // Keys for cookies and anti-forgery tokens live with the account, so sessions survive a restart.
        ConsoleKeyManager.AddTo(services, Path.Combine(accounts.Folder, "keys"), timeProvider);
        services.AddAntiforgery(options =>
        {
            options.FormFieldName = ConsoleForms.CsrfField;
            options.HeaderName = ConsoleForms.CsrfHeader;
            options.Cookie.Name = ConsoleForms.CsrfCookie;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = ConsoleForms.SessionCookie;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = console.SessionLifetime;
            options.SlidingExpiration = false;
            options.TimeProvider = timeProvider;
            options.LoginPath = "/login";
            options.Events.OnRedirectToLogin = context => RedirectToLogin(context, accounts);
            options.Events.OnValidatePrincipal = ConsoleSessions.ValidateAsync;
            options.Events.OnRedirectToAccessDenied = ForbiddenPage.WriteAsync;
        });

        // Every endpoint needs a session unless it is marked AllowAnonymous. A test checks the list of those.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ConsoleRoles.AdministratorPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(ConsoleRoles.Administrator));
    }

    /// <summary>Browsers go to the login page (or set-up before the first password); scripts and streams get 401.</summary>
    private static Task RedirectToLogin(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, ConsoleAccountStore accounts)
    {
        var request = context.Request;
        var wantsPage = HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);
        if (!wantsPage)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        context.Response.Redirect(accounts.HasAccount ? "/login" : "/setup");
        return Task.CompletedTask;
    }
}
