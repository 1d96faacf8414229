using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.WebConsole.Accounts;
using SmartCampus.Edge.Gateway.WebConsole.Alarms;
using SmartCampus.Edge.Gateway.WebConsole.Configuration;
using SmartCampus.Edge.Gateway.WebConsole.Devices;
using SmartCampus.Edge.Gateway.WebConsole.Diagnostics;
using SmartCampus.Edge.Gateway.WebConsole.Health;
using SmartCampus.Edge.Gateway.WebConsole.History;
using SmartCampus.Edge.Gateway.WebConsole.Metrics;
using SmartCampus.Edge.Gateway.WebConsole.Overview;
using SmartCampus.Edge.Gateway.WebConsole.Rules;
using SmartCampus.Edge.Gateway.WebConsole.Security;

namespace SmartCampus.Edge.Gateway.WebConsole.Hosting;

/// <summary>Every route of the console, one concept per folder.</summary>
internal static class ConsoleRoutes
{
    public static void Map(IEndpointRouteBuilder routes, ConsoleConfiguration console)
    {
        StaticFiles.Map(routes);
        SessionEndpoints.Map(routes);
        PasswordPage.Map(routes);
        HealthEndpoints.Map(routes, console.HealthWithoutLogin);
        MetricsEndpoint.Map(routes, console.MetricsWithoutLogin);
        OverviewPage.Map(routes);
        DevicesPage.Map(routes);
        PointStream.Map(routes);
        AlarmsPage.Map(routes);
        RulesPage.Map(routes);
        HistoryPage.Map(routes);
        DiagnosticsPage.Map(routes);
        ConfigurationPage.Map(routes);
        AccountsPage.Map(routes);
    }
}
