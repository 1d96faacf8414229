using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace SmartCampus.Edge.TestPeers;

/// <summary>
/// A real Modbus TCP server for tests: peers/modbus_server.py on pymodbus 3.0 (Debian's python3-pymodbus), run by
/// /usr/bin/python3 on 127.0.0.1. Registers can be changed while clients poll, and the server can be stopped and
/// started again on the same port with the registers it had.
/// </summary>
/// <example>
/// <code>
/// await using var server = await PymodbusServer.StartAsync(new PymodbusServerOptions
/// {
///     UnitId = 1,
///     HoldingRegisters = new Dictionary&lt;ushort, ushort&gt; { [0] = 900 },
/// }, cancellationToken);
/// // point a device at 127.0.0.1:server.Port, then raise CO2 while it polls:
/// await server.SetHoldingRegistersAsync(0, [1600], cancellationToken);
/// </code>
/// </example>
public sealed class PymodbusServer : IAsyncDisposable
{
    /// <summary>Debian's interpreter. The python3 first on PATH may be another one without pymodbus.</summary>
    public const string PythonPath = "/usr/bin/python3";

    public const string InstallHint = "install python3-pymodbus (apt-get install python3-pymodbus)";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    private readonly PymodbusServerOptions _options;
    private readonly SortedDictionary<ushort, ushort> _holding;
    private readonly SortedDictionary<ushort, ushort> _input;
    private readonly string _directory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StringBuilder _standardError = new();

    private Process? _process;
    private Channel<string>? _lines;

    private PymodbusServer(PymodbusServerOptions options)
    {
        _options = options;
        _holding = new SortedDictionary<ushort, ushort>(options.HoldingRegisters.ToDictionary());
        _input = new SortedDictionary<ushort, ushort>(options.InputRegisters.ToDictionary());
        _directory = Directory.CreateTempSubdirectory("pymodbus-").FullName;
        Port = options.Port;
    }

    /// <summary>Port on 127.0.0.1, the same across <see cref="StopAsync"/> and <see cref="StartAgainAsync"/>.</summary>
    public int Port { get; private set; }

    public byte UnitId => _options.UnitId;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What the server wrote to stderr so far (pymodbus logs, Python errors), for test diagnostics.</summary>
    public string StandardError
    {
        get
        {
            lock (_standardError)
            {
                return _standardError.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the server and returns once its port accepts connections. Throws <see cref="InvalidOperationException"/>
    /// naming the Debian package when /usr/bin/python3 or pymodbus is missing.
    /// </summary>
    public static async Task<PymodbusServer> StartAsync(PymodbusServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);

        var server = new PymodbusServer(options);
        try
        {
            await server.LaunchAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sets consecutive holding registers from <paramref name="address"/> on and adds addresses not mapped yet.</summary>
    public Task SetHoldingRegistersAsync(ushort address, IReadOnlyList<ushort> values, CancellationToken cancellationToken) =>
        SetAsync("hr", _holding, address, values, cancellationToken);

    /// <summary>Sets consecutive input registers from <paramref name="address"/> on and adds addresses not mapped yet.</summary>
    public Task SetInputRegistersAsync(ushort address, IReadOnlyList<ushort> values, CancellationToken cancellationToken) =>
        SetAsync("ir", _input, address, values, cancellationToken);

    /// <summary>Removes holding registers, so that reading them gives exception 02 (illegal data address).</summary>
    public async Task RemoveHoldingRegistersAsync(ushort address, int count, CancellationToken cancellationToken)
    {
        await SendAsync(Invariant($"unset hr {address} {count}"), cancellationToken);
        for (var i = 0; i < count; i++)
        {
            _holding.Remove((ushort)(address + i));
        }
    }

    /// <summary>Reads holding registers as the server stores them now, for example after a client wrote them.</summary>
    public Task<ushort[]> GetHoldingRegistersAsync(ushort address, int count, CancellationToken cancellationToken) =>
        GetAsync("hr", address, count, cancellationToken);

    public Task<ushort[]> GetInputRegistersAsync(ushort address, int count, CancellationToken cancellationToken) =>
        GetAsync("ir", address, count, cancellationToken);

    /// <summary>Kills the server process, as a device losing power would: open connections break, connects are refused.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        await SaveRegistersAsync(cancellationToken);
        _process = null;
        await KillAsync(process, cancellationToken);
    }

    /// <summary>
    /// Stops (SIGSTOP) or continues (SIGCONT) the server process, as a device that hangs would: connections stay
    /// open and requests time out instead of being refused.
    /// </summary>
    public async Task SetPausedAsync(bool paused, CancellationToken cancellationToken)
    {
        var process = _process ?? throw new InvalidOperationException("The pymodbus server is not running.");
        using var signal = System.Diagnostics.Process.Start("kill", [paused ? "-STOP" : "-CONT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await signal.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Starts the server again on the same port with the registers it had when it stopped.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The pymodbus server is already running.");
        }

        await LaunchAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        var process = _process;
        _process = null;
        if (process is not null)
        {
            await KillAsync(process, CancellationToken.None);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless, and the test result must not depend on it.
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "peers", "modbus_server.py");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"The pymodbus peer script is missing at {script}; TestPeers copies peers/ to the output.");
        }

        var mapFile = Path.Combine(_directory, "map.json");
        await File.WriteAllTextAsync(mapFile, MapJson(), cancellationToken);

        var process = CreateProcess(script, mapFile);
        StartProcess(process);
        _process = process;
        _lines = Channel.CreateUnbounded<string>();
        _ = PumpStandardOutputAsync(process, _lines.Writer);

        var line = await ReadLineAsync(_options.StartTimeout, cancellationToken);
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            throw StartFailed(line, process);
        }

        Port = int.Parse(line["listening ".Length..], CultureInfo.InvariantCulture);
        await WaitUntilPortAcceptsAsync(cancellationToken);
    }

    private Process CreateProcess(string script, string mapFile)
    {
        var start = new ProcessStartInfo(PythonPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--host");
        start.ArgumentList.Add("127.0.0.1");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(Port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--unit");
        start.ArgumentList.Add(UnitId.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--map-file");
        start.ArgumentList.Add(mapFile);

        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_standardError)
                {
                    _standardError.AppendLine(e.Data);
                }
            }
        };
        return process;
    }

    private static void StartProcess(Process process)
    {
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"Cannot run {PythonPath} ({exception.Message}); {InstallHint}.", exception);
        }

        process.BeginErrorReadLine();
    }

    private InvalidOperationException StartFailed(string? line, Process process)
    {
        var exitCode = process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "none (still running)";
        var error = StandardError;
        var hint = error.Contains("pymodbus is missing", StringComparison.Ordinal) || error.Contains("No module named", StringComparison.Ordinal)
            ? $"pymodbus is not installed for {PythonPath}; {InstallHint}. "
            : string.Empty;
        return new InvalidOperationException(
            $"{hint}The pymodbus server did not start: first output line '{line}', exit code {exitCode}, stderr:{Environment.NewLine}{error}");
    }

    private static async Task PumpStandardOutputAsync(Process process, ChannelWriter<string> lines)
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                await lines.WriteAsync(line);
            }
        }
        finally
        {
            lines.TryComplete();
        }
    }

    /// <summary>Reads the next stdout line, or null when the process closed stdout.</summary>
    private async Task<string?> ReadLineAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await _lines!.Reader.ReadAsync(deadline.Token);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The pymodbus server sent no response within {timeout.TotalSeconds} s. stderr:{Environment.NewLine}{StandardError}");
        }
    }

    private async Task WaitUntilPortAcceptsAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync("127.0.0.1", Port, cancellationToken);
                return;
            }
            catch (SocketException) when (started.Elapsed < _options.StartTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
        }
    }

    private async Task SetAsync(
        string bank,
        SortedDictionary<ushort, ushort> registers,
        ushort address,
        IReadOnlyList<ushort> values,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        await SendAsync($"set {bank} {address} {string.Join(' ', values)}", cancellationToken);
        for (var i = 0; i < values.Count; i++)
        {
            registers[(ushort)(address + i)] = values[i];
        }
    }

    private async Task<ushort[]> GetAsync(string bank, ushort address, int count, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(Invariant($"get {bank} {address} {count}"), cancellationToken);
        return answer
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => ushort.Parse(word, CultureInfo.InvariantCulture))
            .ToArray();
    }

    /// <summary>Sends one command line and returns the text after "ok". An "error" response throws.</summary>
    private async Task<string> SendAsync(string command, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var process = _process ?? throw new InvalidOperationException($"The pymodbus server is stopped; cannot run '{command}'.");
            await process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
            await process.StandardInput.FlushAsync(cancellationToken);

            var answer = await ReadLineAsync(CommandTimeout, cancellationToken)
                ?? throw new InvalidOperationException($"The pymodbus server exited during '{command}'. stderr:{Environment.NewLine}{StandardError}");
            if (!answer.StartsWith("ok", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The pymodbus server rejected '{command}': {answer}");
            }

            return answer.Length > 2 ? answer[3..] : string.Empty;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Keeps the registers clients wrote, so that a restart serves the same values.</summary>
    private async Task SaveRegistersAsync(CancellationToken cancellationToken)
    {
        if (_holding.Count == 0)
        {
            return;
        }

        // The map is sparse, so read each contiguous run of addresses once.
        foreach (var (start, count) in Runs(_holding.Keys).ToList())
        {
            var values = await GetAsync("hr", start, count, cancellationToken);
            for (var i = 0; i < count; i++)
            {
                _holding[(ushort)(start + i)] = values[i];
            }
        }
    }

    private static IEnumerable<(ushort Start, int Count)> Runs(IEnumerable<ushort> sortedAddresses)
    {
        int? start = null;
        var count = 0;
        foreach (var address in sortedAddresses)
        {
            if (start is not null && address == start + count)
            {
                count++;
                continue;
            }

            if (start is not null)
            {
                yield return ((ushort)start, count);
            }

            start = address;
            count = 1;
        }

        if (start is not null)
        {
            yield return ((ushort)start, count);
        }
    }

    private string MapJson()
    {
        static Dictionary<string, ushort> ToJson(SortedDictionary<ushort, ushort> registers) =>
            registers.ToDictionary(pair => pair.Key.ToString(CultureInfo.InvariantCulture), pair => pair.Value);

        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["holding"] = ToJson(_holding),
            ["input"] = ToJson(_input),
            ["identity"] = _options.Identity.ToDictionary(pair => pair.Key.ToString(CultureInfo.InvariantCulture), pair => pair.Value),
        });
    }

    private static async Task KillAsync(Process process, CancellationToken cancellationToken)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // The process exited between the check and the kill.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
