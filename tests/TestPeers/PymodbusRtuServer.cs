using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace SmartCampus.Edge.TestPeers;

/// <summary>
/// A real Modbus RTU server for tests: peers/modbus_rtu_server.py on pymodbus 3.0, responding on a serial device (one
/// end of a <see cref="SocatPair"/>) or on 127.0.0.1 for RTU over TCP. Several unit ids can share it, as devices
/// share an RS485 bus.
/// </summary>
public sealed class PymodbusRtuServer : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly string _directory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StringBuilder _standardError = new();

    private PymodbusRtuServer(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    /// <summary>TCP port on 127.0.0.1 of an RTU-over-TCP server, or 0 for a serial one.</summary>
    public int TunnelPort { get; private set; }

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

    public static async Task<PymodbusRtuServer> StartAsync(PymodbusRtuServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var script = Path.Combine(AppContext.BaseDirectory, "peers", "modbus_rtu_server.py");
        var directory = Directory.CreateTempSubdirectory("pymodbus-rtu-").FullName;
        var mapFile = Path.Combine(directory, "map.json");
        var map = new Dictionary<string, object>
        {
            ["identity"] = options.Identity.ToDictionary(pair => pair.Key.ToString(CultureInfo.InvariantCulture), pair => pair.Value),
            ["holding"] = options.HoldingRegisters.ToDictionary(pair => pair.Key.ToString(CultureInfo.InvariantCulture), pair => pair.Value),
            ["input"] = options.InputRegisters.ToDictionary(pair => pair.Key.ToString(CultureInfo.InvariantCulture), pair => pair.Value),
            ["coils"] = options.Coils.ToDictionary(pair => pair.Key.ToString(CultureInfo.InvariantCulture), pair => pair.Value ? (ushort)1 : (ushort)0),
            ["discrete"] = options.DiscreteInputs.ToDictionary(pair => pair.Key.ToString(CultureInfo.InvariantCulture), pair => pair.Value ? (ushort)1 : (ushort)0),
        };
        await File.WriteAllTextAsync(mapFile, JsonSerializer.Serialize(map), cancellationToken);

        var start = new ProcessStartInfo(PymodbusServer.PythonPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        if (options.SerialPath is not null)
        {
            start.ArgumentList.Add("--serial");
            start.ArgumentList.Add(options.SerialPath);
        }
        else
        {
            start.ArgumentList.Add("--tunnel-port");
            start.ArgumentList.Add("0");
        }

        start.ArgumentList.Add("--baud");
        start.ArgumentList.Add(options.BaudRate.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--units");
        start.ArgumentList.Add(string.Join(',', options.UnitIds));
        start.ArgumentList.Add("--map-file");
        start.ArgumentList.Add(mapFile);

        var server = new PymodbusRtuServer(new Process { StartInfo = start }, directory);
        try
        {
            await server.LaunchAsync(options, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sets consecutive holding registers of <paramref name="unitId"/>.</summary>
    public Task SetHoldingRegistersAsync(byte unitId, ushort address, IReadOnlyList<ushort> values, CancellationToken cancellationToken) =>
        SendAsync($"@{unitId} set hr {address} {string.Join(' ', values)}", cancellationToken);

    /// <summary>Sets consecutive coils (co) or discrete inputs (di) of <paramref name="unitId"/>.</summary>
    public Task SetBitsAsync(byte unitId, string bank, ushort address, IReadOnlyList<bool> values, CancellationToken cancellationToken) =>
        SendAsync($"@{unitId} set {bank} {address} {string.Join(' ', values.Select(value => value ? 1 : 0))}", cancellationToken);

    /// <summary>Reads coils (co) or discrete inputs (di) as the server stores them now.</summary>
    public async Task<bool[]> GetBitsAsync(byte unitId, string bank, ushort address, int count, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(string.Create(CultureInfo.InvariantCulture, $"@{unitId} get {bank} {address} {count}"), cancellationToken);
        return answer.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => word is "1" or "True").ToArray();
    }

    public async Task<ushort[]> GetHoldingRegistersAsync(byte unitId, ushort address, int count, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(string.Create(CultureInfo.InvariantCulture, $"@{unitId} get hr {address} {count}"), cancellationToken);
        return answer.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => ushort.Parse(word, CultureInfo.InvariantCulture))
            .ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to stop.
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

    private async Task LaunchAsync(PymodbusRtuServerOptions options, CancellationToken cancellationToken)
    {
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_standardError)
                {
                    _standardError.AppendLine(e.Data);
                }
            }
        };

        try
        {
            _process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"Cannot run {PymodbusServer.PythonPath} ({exception.Message}); {PymodbusServer.InstallHint}.", exception);
        }

        _process.BeginErrorReadLine();
        _ = PumpAsync();

        var line = await ReadLineAsync(options.StartTimeout, cancellationToken);
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            var error = StandardError;
            var hint = error.Contains("pymodbus is missing", StringComparison.Ordinal) ? PymodbusServer.InstallHint + ". " : string.Empty;
            throw new InvalidOperationException($"{hint}The pymodbus RTU server did not start: first line '{line}', stderr:{Environment.NewLine}{error}");
        }

        if (options.SerialPath is null)
        {
            TunnelPort = int.Parse(line["listening ".Length..], CultureInfo.InvariantCulture);
        }

        // The server responds once its event loop runs the serial handler, and a ping round trip proves the loop is up.
        await SendAsync("ping", cancellationToken);
    }

    private async Task PumpAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                await _lines.Writer.WriteAsync(line);
            }
        }
        finally
        {
            _lines.Writer.TryComplete();
        }
    }

    private async Task<string?> ReadLineAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await _lines.Reader.ReadAsync(deadline.Token);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The pymodbus RTU server sent nothing within {timeout.TotalSeconds} s. stderr:{Environment.NewLine}{StandardError}");
        }
    }

    private async Task<string> SendAsync(string command, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
            var answer = await ReadLineAsync(CommandTimeout, cancellationToken)
                ?? throw new InvalidOperationException($"The pymodbus RTU server exited during '{command}'. stderr:{Environment.NewLine}{StandardError}");
            if (!answer.StartsWith("ok", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The pymodbus RTU server rejected '{command}': {answer}");
            }

            return answer.Length > 2 ? answer[3..] : string.Empty;
        }
        finally
        {
            _gate.Release();
        }
    }
}
