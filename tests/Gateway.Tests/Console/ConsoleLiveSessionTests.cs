using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartCampus.Edge.Gateway.WebConsole.Security;

namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>An open devices stream ends with a session-ended event when its session ends, not when the browser reconnects.</summary>
public sealed class ConsoleLiveSessionTests
{
    private static readonly TimeSpan EndWithin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Stream_EndsOnLogout()
    {
        await using var rig = await ConsoleRig.StartAsync();
        using var client = new ConsoleClient(rig);
        await client.SetUpAsync(rig, "lin", "boiler-room-2026");
        var cookie = client.Cookies.GetCookieHeader(rig.BaseAddress);
        using var stream = await OpenAsync(client, "/devices/stream");

        var (status, _, location) = await client.PostFormAsync("/", "/logout", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/login", location?.OriginalString);
        Assert.Equal("{\"login\":\"/login\"}", await ReadEventAsync(stream, LiveSession.EndedEvent));
        Assert.Null(await ReadLineAsync(stream));

        // A copy of the logged-out cookie no longer opens a page either.
        using var copy = new ConsoleClient(rig);
        copy.Cookies.SetCookies(rig.BaseAddress, cookie);
        using var replay = await copy.GetAsync("/devices");
        Assert.Equal("/login", replay.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Stream_EndsOnExpiry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var rig = await ConsoleRig.StartAsync("sessionLifetime: 10m", clock);
        using var client = new ConsoleClient(rig);
        await client.SetUpAsync(rig, "lin", "boiler-room-2026");
        using var stream = await OpenAsync(client, "/devices/stream");

        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.Equal("{\"login\":\"/login\"}", await ReadEventAsync(stream, LiveSession.EndedEvent));
        Assert.Null(await ReadLineAsync(stream));
    }

    [Theory]
    [InlineData("reset")]
    [InlineData("disable")]
    [InlineData("delete")]
    public async Task Stream_EndsWhenAccountChanges(string change)
    {
        await using var rig = await ConsoleRig.StartAsync();
        using var admin = new ConsoleClient(rig);
        await admin.SetUpAsync(rig, "lin", "boiler-room-2026");
        var accounts = rig.Console.Services!.GetRequiredService<ConsoleAccountStore>();
        Assert.Equal(AccountChangeResult.Done, accounts.Add("wang", ConsoleRoles.Technician, out var code));
        using var operatorClient = new ConsoleClient(rig);
        await operatorClient.LogInAsync("wang", code);
        await operatorClient.PostFormAsync("/password", "/password", new Dictionary<string, string> { ["current"] = code, ["password"] = "night-shift-2026", ["repeat"] = "night-shift-2026" });
        using var stream = await OpenAsync(operatorClient, "/devices/stream");

        var result = change switch
        {
            "reset" => accounts.ResetPassword("wang", out _),
            "disable" => accounts.SetDisabled("wang", disabled: true),
            _ => accounts.Delete("wang"),
        };

        Assert.Equal(AccountChangeResult.Done, result);
        Assert.Equal("{\"login\":\"/login\"}", await ReadEventAsync(stream, LiveSession.EndedEvent));
        Assert.Null(await ReadLineAsync(stream));
    }

    private static async Task<EventReader> OpenAsync(ConsoleClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {response.StatusCode}");
        var reader = new EventReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        Assert.Equal("event: points", await ReadLineAsync(reader));
        return reader;
    }

    /// <summary>Reads until the event <paramref name="name"/> and returns its data; fails after <see cref="EndWithin"/>.</summary>
    private static async Task<string> ReadEventAsync(EventReader stream, string name)
    {
        using var timeout = new CancellationTokenSource(EndWithin);
        while (true)
        {
            var line = await stream.Reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException($"The stream ended without the event {name}.");
            if (line == $"event: {name}")
            {
                var data = await stream.Reader.ReadLineAsync(timeout.Token) ?? string.Empty;
                await stream.Reader.ReadLineAsync(timeout.Token);
                return data["data: ".Length..];
            }
        }
    }

    private static async Task<string?> ReadLineAsync(EventReader stream)
    {
        using var timeout = new CancellationTokenSource(EndWithin);
        return await stream.Reader.ReadLineAsync(timeout.Token);
    }

    private sealed class EventReader(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public StreamReader Reader { get; } = reader;

        public void Dispose()
        {
            Reader.Dispose();
            response.Dispose();
        }
    }
}
