using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmartCampus.Edge.TestPeers;

/// <summary>
/// A real Mosquitto broker for tests, on 127.0.0.1 and a free port, with its config, persistence file and output
/// in a temp folder. <see cref="StopAsync"/> and <see cref="StartAgainAsync"/> simulate an outage on the same port;
/// dispose kills the process and deletes the folder.
/// </summary>
/// <example>
/// <code>
/// await using var broker = await MosquittoBroker.StartAsync();
/// // connect a client to broker.Host:broker.Port ...
/// await broker.StopAsync();
/// await broker.StartAgainAsync();
/// </code>
/// </example>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private const int MaxOutputChars = 64 * 1024;

    private readonly MosquittoBrokerOptions _options;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private MosquittoBroker(MosquittoBrokerOptions options, string directory, int port)
    {
        _options = options;
        DirectoryPath = directory;
        Port = port;
        ConfigPath = Path.Combine(directory, "mosquitto.conf");
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>Temp folder with mosquitto.conf and, with persistence on, mosquitto.db.</summary>
    public string DirectoryPath { get; }

    public string ConfigPath { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What the broker wrote to stderr so far (its log), for failure messages.</summary>
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

    /// <summary>Writes a config for a free loopback port, starts Mosquitto and waits until it accepts connections.</summary>
    /// <exception cref="InvalidOperationException">Mosquitto is not installed, or it did not start listening.</exception>
    public static async Task<MosquittoBroker> StartAsync(MosquittoBrokerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MosquittoBrokerOptions();
        if (!File.Exists(options.BinaryPath))
        {
            throw new InvalidOperationException(
                $"Mosquitto was not found at {options.BinaryPath}: install mosquitto (apt-get install mosquitto).");
        }

        var directory = Directory.CreateTempSubdirectory("smartcampus-mosquitto-").FullName;
        var broker = new MosquittoBroker(options, directory, FindFreePort());
        await File.WriteAllTextAsync(broker.ConfigPath, broker.BuildConfig(), cancellationToken);

        try
        {
            await broker.StartAgainAsync(cancellationToken);
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }

        return broker;
    }

    /// <summary>Starts the broker again on the same port and config (after <see cref="StopAsync"/>).</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"Mosquitto on port {Port} is already running.");
        }

        _process?.Dispose();
        AppendOutput($"--- starting mosquitto on port {Port}");

        var process = new Process
        {
            StartInfo = new ProcessStartInfo(_options.BinaryPath)
            {
                ArgumentList = { "-c", ConfigPath },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            },
        };
        process.ErrorDataReceived += (_, e) => AppendOutput(e.Data);
        process.OutputDataReceived += (_, e) => AppendOutput(e.Data);

        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;

        await WaitUntilListeningAsync(cancellationToken);
    }

    /// <summary>
    /// Stops the broker. By default the process is killed (SIGKILL), as in a power cut or crash; with
    /// <paramref name="graceful"/> it gets SIGTERM and saves its persistence file first.
    /// </summary>
    public async Task StopAsync(bool graceful = false, CancellationToken cancellationToken = default)
    {
        var process = _process;
        if (process is null || process.HasExited)
        {
            return;
        }

        if (graceful)
        {
            await SendSignalAsync(process.Id, "-TERM", cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                return;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                AppendOutput("--- mosquitto ignored SIGTERM for 5 s; killing it");
            }
        }

        process.Kill();
        await process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>
    /// Makes Mosquitto write its persistence file now (SIGUSR1) and waits until the new file is in place, so that a
    /// following kill keeps every session and queued message up to this call. Needs <see cref="MosquittoBrokerOptions.Persistence"/>.
    /// </summary>
    public async Task SavePersistenceAsync(CancellationToken cancellationToken = default)
    {
        if (!_options.Persistence)
        {
            throw new InvalidOperationException("Mosquitto was started without persistence, so it has no file to save.");
        }

        var process = _process is { HasExited: false } running ? running : throw new InvalidOperationException($"Mosquitto on port {Port} is not running.");
        var file = Path.Combine(DirectoryPath, "mosquitto.db");
        var requested = DateTime.UtcNow;

        await SendSignalAsync(process.Id, "-USR1", cancellationToken);

        // Mosquitto writes mosquitto.db.new and renames it, so a newer mosquitto.db is a complete save.
        var waited = Stopwatch.StartNew();
        while (!File.Exists(file) || File.GetLastWriteTimeUtc(file) < requested)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(5))
            {
                throw new InvalidOperationException($"Mosquitto did not save {file} within 5 s of SIGUSR1. Output:\n{Output}");
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();

        try
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task SendSignalAsync(int processId, string signal, CancellationToken cancellationToken)
    {
        using var kill = Process.Start("/bin/kill", [signal, processId.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
    }

    private string BuildConfig()
    {
        var lines = new List<string>
        {
            $"listener {Port} {Host}",
            "allow_anonymous true",
            $"max_queued_messages {_options.MaxQueuedMessages}",

            // As root Mosquitto switches to the "mosquitto" user, which cannot write this temp folder.
            $"user {Environment.UserName}",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
            "connection_messages true",
        };

        if (_options.Persistence)
        {
            lines.Add("persistence true");
            lines.Add($"persistence_location {DirectoryPath}/");
            lines.Add($"autosave_interval {_options.AutosaveIntervalSeconds}");
        }
        else
        {
            lines.Add("persistence false");
        }

        lines.AddRange(_options.ExtraConfigLines);
        return string.Join('\n', lines) + "\n";
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < _options.StartTimeout)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException(
                    $"Mosquitto exited with code {_process.ExitCode} before listening on port {Port}. Output:\n{Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20, cancellationToken);
            }
        }

        throw new InvalidOperationException(
            $"Mosquitto did not listen on port {Port} within {_options.StartTimeout.TotalSeconds} s. Output:\n{Output}");
    }

    private void AppendOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < MaxOutputChars)
            {
                _output.AppendLine(line);
            }
        }
    }
}
