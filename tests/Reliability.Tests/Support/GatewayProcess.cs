using System.Diagnostics;
using System.Text;

namespace SmartCampus.Edge.Reliability.Tests.Support;

/// <summary>
/// The built gateway (smartcampus-edge.dll from the test's output folder) running as its own process on a
/// campus.yaml, with its console output kept. <see cref="Cut"/> ends it with SIGKILL, as a power cut does:
/// no shutdown code runs and nothing is flushed that was not flushed already.
/// </summary>
internal sealed class GatewayProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GatewayProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "smartcampus-edge.dll");

    /// <summary>
    /// Starts the gateway; with <paramref name="networkNamespace"/> inside that namespace (<c>ip netns exec</c> replaces
    /// itself with dotnet, so <see cref="Id"/> and <see cref="Cut"/> still concern the gateway).
    /// </summary>
    public static GatewayProcess Start(string configPath, IReadOnlyDictionary<string, string>? environment = null, string? networkNamespace = null)
    {
        if (!File.Exists(Assembly))
        {
            throw new InvalidOperationException($"The gateway was not built next to the tests: {Assembly} is missing.");
        }

        string[] command = networkNamespace is null
            ? ["dotnet", Assembly, "run", "--config", configPath, "--language", "en"]
            : ["ip", "netns", "exec", networkNamespace, "dotnet", Assembly, "run", "--config", configPath, "--language", "en"];
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(configPath)!,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var gateway = new GatewayProcess(process);
        process.OutputDataReceived += (_, e) => gateway.Append(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return gateway;
    }

    /// <summary>SIGKILL, then waits until the process is gone so its files are closed by the kernel.</summary>
    public void Cut()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        _process.WaitForExit();
    }

    /// <summary>SIGTERM, the way systemd stops the service, then waits up to <paramref name="timeout"/>.</summary>
    public bool Stop(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            // .NET's Process can only send SIGKILL; kill(1) sends the SIGTERM systemd would.
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        return _process.WaitForExit(timeout);
    }

    public void Dispose()
    {
        Cut();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
