namespace SmartCampus.Edge.Gateway.Tests.WebConsole;

/// <summary>One gateway with its console set up (account created), shared by the API tests of a class.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string Username = "technician";
    public const string Password = "correct-horse-battery";

    internal ConsoleRig Rig { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Rig = await ConsoleRig.StartAsync();
        using var client = new ConsoleClient(Rig);
        await client.SetUpAsync(Rig, Username, Password);
    }

    /// <summary>A new client, logged in as the technician.</summary>
    internal async Task<ConsoleClient> LoggedInClientAsync()
    {
        var client = new ConsoleClient(Rig);
        var (status, body, _) = await client.LogInAsync(Username, Password);
        Assert.True(status == System.Net.HttpStatusCode.Redirect, $"Login answered {status}: {body}");
        return client;
    }

    public async Task DisposeAsync() => await Rig.DisposeAsync();
}
