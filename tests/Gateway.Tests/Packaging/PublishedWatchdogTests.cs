using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace SmartCampus.Edge.Gateway.Tests.Packaging;

/// <summary>
/// The published single-file executable under a systemd-like environment: NOTIFY_SOCKET names a unix datagram
/// socket this test binds, WATCHDOG_USEC is set, and the process is stopped with SIGTERM as systemctl stop does.
/// </summary>
[Collection(PublishedGatewayGroup.Name)]
public sealed class PublishedWatchdogTests(PublishedGateway gateway) : IDisposable
{
    /// <summary>2 s: the gateway feeds every 0.5 s, so a few feeds arrive within seconds.</summary>
    private const long WatchdogMicroseconds = 2_000_000;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("smartcampus-notify-").FullName;

    [Fact]
    public async Task Binary_SendsReadyWatchdogAndStopping()
    {
        var socketPath = Path.Combine(_directory, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var configuration = Path.Combine(_directory, "campus.yaml");
        await File.WriteAllTextAsync(configuration, Campus(LoopbackPort.Free(), LoopbackPort.Free()));

        using var process = Start(configuration, socketPath);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var ready = await ReceiveAsync(socket, StartTimeout);
            Assert.True(ready is not null, "No READY=1 within 60 s. Output:\n" + output);
            Assert.StartsWith("READY=1", ready, StringComparison.Ordinal);

            for (var i = 0; i < 3; i++)
            {
                var feed = await ReceiveAsync(socket, TimeSpan.FromSeconds(5));
                Assert.Equal("WATCHDOG=1", feed);
            }

            Assert.Equal(0, SendSigterm(process.Id));
            Assert.True(await ReceiveUntilAsync(socket, "STOPPING=1", TimeSpan.FromSeconds(20)), "No STOPPING=1 after SIGTERM. Output:\n" + output);

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(exit.Token);
            Assert.True(process.ExitCode == 0, $"Exit code {process.ExitCode}. Output:\n{output}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Process Start(string configuration, string socketPath)
    {
        var start = new ProcessStartInfo(gateway.ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configuration);
        start.Environment["NOTIFY_SOCKET"] = socketPath;
        start.Environment["WATCHDOG_USEC"] = WatchdogMicroseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = Path.Combine(_directory, "bundle");

        return Process.Start(start) ?? throw new InvalidOperationException("The published gateway did not start.");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static async Task<string?> ReceiveAsync(Socket socket, TimeSpan timeout)
    {
        var buffer = new byte[4096];
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            var length = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellation.Token);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task<bool> ReceiveUntilAsync(Socket socket, string expected, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            var message = await ReceiveAsync(socket, timeout - deadline.Elapsed);
            if (message == expected)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sends SIGTERM with kill(1), as systemd does on stop; returns kill's exit code.</summary>
    private static int SendSigterm(int processId)
    {
        using var kill = Process.Start("kill", ["-TERM", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        return kill.ExitCode;
    }

    private static string Campus(int campusPort, int closedPort) => $$"""
        school:
          id: notify-school
          name: 测试学校
        gateway:
          id: gw-notify
          language: en
          dataDirectory: ./data
        campusBroker:
          mode: embedded
          host: 127.0.0.1
          port: {{campusPort}}
          username: gateway
          password: gateway-test-secret
        district:
          host: 127.0.0.1
          port: {{closedPort}}
        devices:
          - id: panel
            kind: gpio
            driver: simulated
            points:
              - id: smoke
                direction: input
                pin: 17
                activeLow: true
        """;
}
