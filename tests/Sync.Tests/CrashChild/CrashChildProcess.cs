using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SmartCampus.Edge.Sync.Outbox;

namespace SmartCampus.Edge.Sync.Tests.CrashChild;

/// <summary>
/// This test assembly started as a child process (see <see cref="Program"/>), with the sequences it reported as
/// accepted. <see cref="Kill"/> sends SIGKILL, so nothing in the child gets to run cleanup code.
/// </summary>
public sealed class CrashChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<(OutboxLane Lane, long Sequence)> _accepted = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _errors = new();
    private int _compactions;

    private CrashChildProcess(Process process)
    {
        _process = process;
    }

    public IReadOnlyList<(OutboxLane Lane, long Sequence)> Accepted => [.. _accepted];

    /// <summary>Compactions the child finished before it was killed.</summary>
    public int Compactions => Volatile.Read(ref _compactions);

    public string Errors => string.Join(Environment.NewLine, _errors);

    public static CrashChildProcess Start(string databasePath, bool produce, int? brokerPort = null)
    {
        var assembly = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assembly);
        info.ArgumentList.Add(Program.ChildArgument);
        info.ArgumentList.Add(databasePath);
        info.ArgumentList.Add(produce ? "true" : "false");
        if (brokerPort is { } port)
        {
            info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        }

        var process = new Process { StartInfo = info };
        var child = new CrashChildProcess(process);
        process.OutputDataReceived += (_, args) => child.OnLine(args.Data);
        process.ErrorDataReceived += (_, args) =>
        {
            if (args.Data is not null)
            {
                child._errors.Enqueue(args.Data);
            }
        };

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(_ready.Task, Task.Delay(timeout));
        if (finished != _ready.Task)
        {
            throw new TimeoutException($"The outbox child did not start within {timeout.TotalSeconds} s. Its stderr: {Errors}");
        }
    }

    public async Task WaitAcceptedAsync(int count, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (_accepted.Count < count)
        {
            if (waited.Elapsed > timeout || _process.HasExited)
            {
                throw new TimeoutException($"The outbox child accepted {_accepted.Count} of {count} records. Its stderr: {Errors}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>SIGKILL on Linux; waits until the process is gone and its output is read to the end.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        // A kill can cut the last line; only lines with the closing dot count.
        if (line is null || !line.EndsWith(" .", StringComparison.Ordinal))
        {
            return;
        }

        if (line == "READY .")
        {
            _ready.TrySetResult();
            return;
        }

        if (line == "C .")
        {
            Interlocked.Increment(ref _compactions);
            return;
        }

        var parts = line.Split(' ');
        if (parts is ["A", var lane, var sequence, "."])
        {
            _accepted.Enqueue(((OutboxLane)int.Parse(lane, CultureInfo.InvariantCulture), long.Parse(sequence, CultureInfo.InvariantCulture)));
        }
    }
}
