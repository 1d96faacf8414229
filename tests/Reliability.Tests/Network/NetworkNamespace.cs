using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace SmartCampus.Edge.Reliability.Tests.Network;

/// <summary>
/// A network namespace made for one test, joined to the host by a veth pair with link-local addresses
/// (169.254.N.1 on the host side, 169.254.N.2 inside). Only these two interfaces are ever changed; the machine's
/// own interfaces are not touched. <see cref="Dispose"/> deletes the namespace, which removes the pair.
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    private const string UnreachableMetric = "4000";

    private readonly List<Process> _processes = [];

    private NetworkNamespace(string name, string hostSide, string insideSide, string hostAddress, string insideAddress)
    {
        Name = name;
        HostSide = hostSide;
        InsideSide = insideSide;
        HostAddress = hostAddress;
        InsideAddress = insideAddress;
    }

    public string Name { get; }

    public string HostSide { get; }

    public string InsideSide { get; }

    public string HostAddress { get; }

    public string InsideAddress { get; }

    /// <summary>The pair's /30, e.g. 169.254.N.0/30.</summary>
    public string Subnet => HostAddress[..HostAddress.LastIndexOf('.')] + ".0/30";

    /// <summary>Creates the namespace and the veth pair; throws with the command's error when the kernel refuses.</summary>
    public static NetworkNamespace Create()
    {
        var tag = Random.Shared.Next(0x100000, 0xFFFFFF).ToString("x6", CultureInfo.InvariantCulture);
        var subnet = Random.Shared.Next(10, 250);
        var space = new NetworkNamespace($"scproof-{tag}", $"scpa{tag}", $"scpb{tag}", $"169.254.{subnet}.1", $"169.254.{subnet}.2");
        try
        {
            Run("ip", "netns", "add", space.Name);
            Run("ip", "link", "add", space.HostSide, "type", "veth", "peer", "name", space.InsideSide, "netns", space.Name);
            Run("ip", "addr", "add", space.HostAddress + "/30", "dev", space.HostSide);
            Run("ip", "link", "set", space.HostSide, "up");

            // While the link is down its own route is gone, and the host's default route would carry connects to the
            // namespace's address out of this machine. This route, behind the link's own, makes them fail here instead.
            Run("ip", "route", "add", "unreachable", space.Subnet, "metric", UnreachableMetric);
            space.Exec("ip", "addr", "add", space.InsideAddress + "/30", "dev", space.InsideSide);
            space.Exec("ip", "link", "set", space.InsideSide, "up");
            space.Exec("ip", "link", "set", "lo", "up");
        }
        catch
        {
            space.Dispose();
            throw;
        }

        return space;
    }

    /// <summary>Runs a command inside the namespace and returns its output; throws on a non-zero exit.</summary>
    public string Exec(params string[] command) => Run(["ip", "netns", "exec", Name, .. command]);

    /// <summary>Runs a command inside the namespace and returns its exit code and error text, for probes.</summary>
    public (int ExitCode, string Error) TryExec(params string[] command) => TryRun(["ip", "netns", "exec", Name, .. command]);

    /// <summary>
    /// Drops <paramref name="percent"/> % of the packets on the inside end of the pair, each way, at random
    /// (nftables <c>numgen random</c>), for kernels without netem. Throws naming the package when nft is missing.
    /// </summary>
    public void AddLoss(int percent)
    {
        if (!File.Exists("/usr/sbin/nft"))
        {
            throw new InvalidOperationException("Packet loss needs the nft command: apt-get install nftables");
        }

        var rate = percent.ToString(CultureInfo.InvariantCulture);
        Exec("nft", "add", "table", "inet", "scfault");
        Exec("nft", "add", "chain", "inet", "scfault", "in", "{ type filter hook input priority 0; policy accept; }");
        Exec("nft", "add", "chain", "inet", "scfault", "out", "{ type filter hook output priority 0; policy accept; }");
        Exec("nft", "add", "rule", "inet", "scfault", "in", "iifname", InsideSide, "numgen", "random", "mod", "100", "<", rate, "counter", "drop");
        Exec("nft", "add", "rule", "inet", "scfault", "out", "oifname", InsideSide, "numgen", "random", "mod", "100", "<", rate, "counter", "drop");
    }

    /// <summary>
    /// Drops the first, third, fifth … TCP SYN that enters the namespace through the pair (nftables <c>numgen inc</c>),
    /// so a connect from the host loses its SYN and a second SYN after it gets through.
    /// </summary>
    public void DropEverySecondSyn()
    {
        Exec("nft", "add", "table", "inet", "scfault");
        Exec("nft", "add", "chain", "inet", "scfault", "in", "{ type filter hook input priority 0; policy accept; }");
        Exec("nft", "add", "rule", "inet", "scfault", "in", "iifname", InsideSide, "tcp flags & (syn | ack) == syn", "numgen", "inc", "mod", "2", "==", "0", "counter", "drop");
    }

    /// <summary>Drops every TCP SYN that enters the namespace, as a dead line upstream does, so no connect gets a SYN-ACK.</summary>
    public void DropAllSyns()
    {
        Exec("nft", "add", "table", "inet", "scfault");
        Exec("nft", "add", "chain", "inet", "scfault", "in", "{ type filter hook input priority 0; policy accept; }");
        Exec("nft", "add", "rule", "inet", "scfault", "in", "iifname", InsideSide, "tcp flags & (syn | ack) == syn", "counter", "drop");
    }

    /// <summary>Removes the rules of <see cref="AddLoss"/>, <see cref="DropEverySecondSyn"/> and <see cref="DropAllSyns"/>.</summary>
    public void ClearFaults() => Exec("nft", "delete", "table", "inet", "scfault");

    /// <summary>Packets dropped so far by <see cref="AddLoss"/> and <see cref="DropEverySecondSyn"/>, read from the rules' counters.</summary>
    public long DroppedPackets() =>
        System.Text.RegularExpressions.Regex.Matches(Exec("nft", "list", "table", "inet", "scfault"), @"counter packets (\d+)")
            .Sum(match => long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));

    /// <summary>
    /// Cuts the link: the host side goes down, so packets neither way pass and no reset is sent. A connect from the host
    /// fails at once with "no route to host", as on a gateway whose own uplink is down.
    /// </summary>
    public void LinkDown() => Run("ip", "link", "set", HostSide, "down");

    public void LinkUp() => Run("ip", "link", "set", HostSide, "up");

    /// <summary>Starts a long-running program inside the namespace; it is killed on <see cref="Dispose"/>.</summary>
    public Process Start(params string[] command)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["netns", "exec", Name, .. command])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    /// <summary>Waits until a TCP listener inside the namespace accepts connections from the host.</summary>
    public async Task WaitForListenerAsync(int port, TimeSpan timeout)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(InsideAddress, port);
                return;
            }
            catch (SocketException) when (TimeProvider.System.GetElapsedTime(started) < timeout)
            {
                await Task.Delay(100);
            }
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
        }

        TryRun(["ip", "netns", "del", Name]);
        TryRun(["ip", "route", "del", "unreachable", Subnet, "metric", UnreachableMetric]);
    }

    private static string Run(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{string.Join(' ', command)}' failed with exit code {process.ExitCode}: {error.Trim()} (network namespaces need root and the iproute2 package)");
        }

        return output;
    }

    private static (int ExitCode, string Error) TryRun(string[] command)
    {
        try
        {
            Run(command);
            return (0, string.Empty);
        }
        catch (InvalidOperationException exception)
        {
            return (1, exception.Message);
        }
    }
}
