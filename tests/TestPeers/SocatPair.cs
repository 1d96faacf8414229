using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace SmartCampus.Edge.TestPeers;

/// <summary>
/// A pair of connected pseudo-terminals made by <c>socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B</c>: bytes
/// written to one end come out of the other, as on a two-device serial line. A pseudo-terminal does not pace bytes
/// at the baud rate.
/// </summary>
public sealed class SocatPair : IAsyncDisposable
{
    public const string InstallHint = "install socat (apt-get install socat)";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _standardError = new();

    private SocatPair(Process process, string directory)
    {
        _process = process;
        _directory = directory;
        PathA = Path.Combine(directory, "A");
        PathB = Path.Combine(directory, "B");
    }

    /// <summary>Link to the first pseudo-terminal, for the server side in tests.</summary>
    public string PathA { get; }

    /// <summary>Link to the second pseudo-terminal, for the client side in tests.</summary>
    public string PathB { get; }

    /// <summary>Starts socat and returns once both links exist. Throws naming the Debian package when socat is missing.</summary>
    public static async Task<SocatPair> StartAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("socat-").FullName;
        var start = new ProcessStartInfo("socat")
        {
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"pty,raw,echo=0,link={Path.Combine(directory, "A")}");
        start.ArgumentList.Add($"pty,raw,echo=0,link={Path.Combine(directory, "B")}");

        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            process.Dispose();
            Directory.Delete(directory, recursive: true);
            throw new InvalidOperationException($"Cannot run socat ({exception.Message}); {InstallHint}.", exception);
        }

        var pair = new SocatPair(process, directory);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (pair._standardError)
                {
                    pair._standardError.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        var waiting = Stopwatch.StartNew();
        while (!File.Exists(pair.PathA) || !File.Exists(pair.PathB))
        {
            if (process.HasExited || waiting.Elapsed > StartTimeout)
            {
                string error;
                lock (pair._standardError)
                {
                    error = pair._standardError.ToString();
                }

                await pair.DisposeAsync();
                throw new InvalidOperationException($"socat made no pseudo-terminal pair within {StartTimeout.TotalSeconds} s: {error}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }

        return pair;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless, and the test result must not depend on it.
        }
    }
}
