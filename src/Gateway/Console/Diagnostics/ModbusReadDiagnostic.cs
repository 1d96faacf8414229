using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartCampus.Edge.Contracts;
using SmartCampus.Edge.Drivers.Modbus.Points;
using SmartCampus.Edge.Drivers.Modbus.Rtu;
using SmartCampus.Edge.Drivers.Modbus.Tcp;
using SmartCampus.Edge.Gateway.CommandLine.Modbus;
using SmartCampus.Edge.Gateway.Configuration.Model;
using SmartCampus.Edge.Gateway.Configuration.Model.Devices;
using SmartCampus.Edge.Gateway.Devices;
using SmartCampus.Edge.Gateway.WebConsole.Devices;
using SmartCampus.Edge.Gateway.WebConsole.Pages;
using SmartCampus.Edge.Gateway.WebConsole.Security;
using SmartCampus.Edge.Gateway.WebConsole.Text;

namespace SmartCampus.Edge.Gateway.WebConsole.Diagnostics;

/// <summary>
/// Reads one configured Modbus point now, through the running driver (so the request waits its turn behind the
/// polls on the same connection or RS485 bus), and shows value, quality and time or the Modbus error. A read changes
/// nothing in the field, so no interlock applies; it is audited like the write actions.
/// </summary>
internal static class ModbusReadDiagnostic
{
    /// <summary>Longest wait for the reply, queueing behind the polls included.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(15);

    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/diagnostics/modbus-read", ReadAsync);

    /// <summary>Modbus TCP and RTU points of the site, in file order.</summary>
    public static IReadOnlyList<PointId> Points(SiteConfiguration site) =>
        [.. site.Devices.SelectMany(device => device switch
        {
            ModbusTcpDeviceConfiguration tcp => tcp.Points.Select(point => new PointId(device.Id, point.Id)),
            ModbusRtuDeviceConfiguration rtu => rtu.Points.Select(point => new PointId(device.Id, point.Id)),
            _ => [],
        })];

    public static string Section(ConsolePage page, SiteConfiguration site)
    {
        var body = new StringBuilder();
        body.Append("<section><h2>").Append(Html.E(ConsoleText.Get("ModbusReadTitle"))).Append("</h2><p>").Append(Html.E(ConsoleText.Get("ModbusReadExplain"))).Append("</p>");
        var points = Points(site);
        if (points.Count == 0)
        {
            body.Append("<p class=\"empty\">").Append(Html.E(ConsoleText.Get("ModbusReadNoPoints"))).Append("</p></section>");
            return body.ToString();
        }

        var options = string.Concat(points.Select(point => $"<option value=\"{Html.E(point.ToString())}\">{Html.E(point.ToString())}</option>"));
        body.Append(page.Form("/diagnostics/modbus-read", $"""
            <label>{Html.E(ConsoleText.Get("ModbusReadPoint"))}<select name="point" id="modbus-point">{options}</select></label>
            <button type="submit" id="modbus-read">{Html.E(ConsoleText.Get("ModbusReadSubmit"))}</button>
            """, "stack"));
        body.Append("</section>");
        return body.ToString();
    }

    private static async Task<IResult> ReadAsync(HttpContext context, SiteConfiguration site, DeviceRegistry registry, ConsoleAudit audit)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var user = context.User.Identity?.Name ?? "?";
        var client = SessionEndpoints.ClientOf(context);
        var chosen = Points(site).FirstOrDefault(point => point.ToString() == form["point"].ToString());
        if (chosen.Device is null)
        {
            return DiagnosticsPage.Render(ConsolePage.For(context), site, registry, ConsoleText.Get("ModbusReadInvalid"), true, StatusCodes.Status400BadRequest);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(ReadTimeout);
        ModbusPointReading? reading;
        try
        {
            reading = registry.TryGet(chosen.Device, out var driver) ? driver switch
            {
                ModbusTcpDevice tcp => await tcp.ReadPointAsync(chosen.Point, timeout.Token),
                ModbusRtuDevice rtu => await rtu.ReadPointAsync(chosen.Point, timeout.Token),
                _ => null,
            } : null;
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            await audit.RecordAsync(user, client, "modbus-read", $"point {chosen}", "timed out", context.RequestAborted);
            return DiagnosticsPage.Render(ConsolePage.For(context), site, registry, ConsoleText.Format("ModbusReadTimedOut", chosen, (int)ReadTimeout.TotalSeconds), true, StatusCodes.Status504GatewayTimeout);
        }

        if (reading is null)
        {
            return DiagnosticsPage.Render(ConsolePage.For(context), site, registry, ConsoleText.Format("ModbusReadNoDriver", chosen.Device), true, StatusCodes.Status409Conflict);
        }

        if (reading.Error is { } error)
        {
            var message = ModbusErrorText.ForConfiguredDevice(error, site.Devices.First(device => device.Id == chosen.Device) is ModbusRtuDeviceConfiguration);
            await audit.RecordAsync(user, client, "modbus-read", $"point {chosen}", $"failed: {error.GetMessage(CultureInfo.InvariantCulture)}", context.RequestAborted);
            return DiagnosticsPage.Render(ConsolePage.For(context), site, registry, ConsoleText.Format("ModbusReadFailed", chosen, message), true, StatusCodes.Status502BadGateway);
        }

        var sample = reading.Sample;
        var unit = DeviceCatalog.From(site).SelectMany(device => device.Points).FirstOrDefault(point => point.Id == chosen)?.Unit;
        var value = PointFormat.Value(sample, BooleanTexts.From(site)) + (unit is null ? string.Empty : " " + unit);
        var time = sample.GatewayTime.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        await audit.RecordAsync(user, client, "modbus-read", $"point {chosen}", $"read {value} ({sample.Quality})", context.RequestAborted);
        return DiagnosticsPage.Render(ConsolePage.For(context), site, registry, ConsoleText.Format("ModbusReadDone", chosen, value, PointFormat.Quality(sample), time), sample.Quality != Quality.Good);
    }
}
