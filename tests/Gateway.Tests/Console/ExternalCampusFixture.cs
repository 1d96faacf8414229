namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>
/// A gateway whose campus broker is external, at a loopback port where nothing listens, with its console set up:
/// the class board's session fails to connect, as on a site whose broker is down or misconfigured.
/// </summary>
public sealed class ExternalCampusFixture : IAsyncLifetime
{
    internal int ClosedPort { get; } = LoopbackPort.Free();

    internal ConsoleRig Rig { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Rig = await ConsoleRig.StartAsync(externalCampusPort: ClosedPort);
        using var client = new ConsoleClient(Rig);
        await client.SetUpAsync(Rig, ConsoleFixture.Username, ConsoleFixture.Password);
    }

    /// <summary>A new client, logged in as the technician, reading the console in <paramref name="language"/>.</summary>
    internal async Task<ConsoleClient> LoggedInClientAsync(string language)
    {
        var client = new ConsoleClient(Rig);
        client.Cookies.Add(Rig.BaseAddress, new System.Net.Cookie(SmartCampus.Edge.Gateway.WebConsole.Pages.ConsoleForms.LanguageCookie, language));
        var (status, body, _) = await client.LogInAsync(ConsoleFixture.Username, ConsoleFixture.Password);
        Assert.True(status == System.Net.HttpStatusCode.Redirect, $"Login answered {status}: {body}");
        return client;
    }

    public async Task DisposeAsync() => await Rig.DisposeAsync();
}
