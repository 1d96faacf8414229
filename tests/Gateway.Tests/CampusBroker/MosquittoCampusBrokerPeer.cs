using System.Diagnostics;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Gateway.Tests.CampusBroker;

/// <summary>
/// A real Mosquitto as the external campus broker, with the same accounts as the embedded one: a password file
/// made by mosquitto_passwd and an ACL that gives each board <c>campus/boards/%u/#</c> and the gateway every topic.
/// </summary>
public sealed class MosquittoCampusBrokerPeer : ICampusBrokerPeer
{
    private const string PasswdTool = "/usr/bin/mosquitto_passwd";

    private readonly MosquittoBroker _broker;
    private readonly string _authDirectory;

    private MosquittoCampusBrokerPeer(MosquittoBroker broker, string authDirectory)
    {
        _broker = broker;
        _authDirectory = authDirectory;
    }

    public string Host => _broker.Host;

    public int Port => _broker.Port;

    public string GatewayUsername => "gateway";

    public string GatewayPassword => "gw-secret-7f3a";

    public string BoardPassword(string boardId) => $"pw-{boardId}-91c2";

    public static async Task<MosquittoCampusBrokerPeer> StartAsync(IReadOnlyList<string> boardIds)
    {
        if (!File.Exists(PasswdTool))
        {
            throw new InvalidOperationException($"{PasswdTool} was not found: install mosquitto (apt-get install mosquitto).");
        }

        var directory = Directory.CreateTempSubdirectory("campus-mosquitto-auth-").FullName;
        var passwordFile = Path.Combine(directory, "passwd");
        var aclFile = Path.Combine(directory, "acl");
        await File.WriteAllTextAsync(passwordFile, string.Empty);
        await SetPasswordAsync(passwordFile, "gateway", "gw-secret-7f3a");
        foreach (var board in boardIds)
        {
            await SetPasswordAsync(passwordFile, board, $"pw-{board}-91c2");
        }

        await File.WriteAllLinesAsync(aclFile, ["user gateway", "topic readwrite #", string.Empty, "pattern readwrite campus/boards/%u/#"]);

        var options = new MosquittoBrokerOptions();
        options.ExtraConfigLines.Add("allow_anonymous false");
        options.ExtraConfigLines.Add($"password_file {passwordFile}");
        options.ExtraConfigLines.Add($"acl_file {aclFile}");
        return new MosquittoCampusBrokerPeer(await MosquittoBroker.StartAsync(options), directory);
    }

    /// <summary>Kills Mosquitto (no persistence configured, so sessions and retained messages are lost) and starts it again.</summary>
    public async Task RestartAsync()
    {
        await _broker.StopAsync();
        await _broker.StartAgainAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_authDirectory, recursive: true);
    }

    private static async Task SetPasswordAsync(string file, string user, string password)
    {
        using var process = Process.Start(new ProcessStartInfo(PasswdTool) { ArgumentList = { "-b", file, user, password }, RedirectStandardError = true })!;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_passwd failed for {user}: {await process.StandardError.ReadToEndAsync()}");
        }
    }
}
