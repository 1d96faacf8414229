using System.Diagnostics;
using System.Globalization;
using SmartCampus.Edge.TestPeers;

namespace SmartCampus.Edge.Benchmarks.Gateway;

/// <summary>
/// scale_modbus_servers.py (next to this file) in one Debian python process: several pymodbus 3.0 servers with many unit
/// ids each. Closing its stdin stops it.
/// </summary>
internal sealed class ScaleModbusPeers : IAsyncDisposable
{
    private readonly Process _process;

    private ScaleModbusPeers(Process process, IReadOnlyList<int> ports)
    {
        _process = process;
        Ports = ports;
    }

    public IReadOnlyList<int> Ports { get; }

    public int ProcessId => _process.Id;

    public static async Task<ScaleModbusPeers> StartAsync(ScaleCampus campus, CancellationToken cancellationToken)
    {
        if (!File.Exists(PymodbusServer.PythonPath))
        {
            throw new InvalidOperationException($"{PymodbusServer.PythonPath} is missing: {PymodbusServer.InstallHint}.");
        }

        var start = new ProcessStartInfo(PymodbusServer.PythonPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath("tests/Benchmarks/Gateway/scale_modbus_servers.py"));
        start.ArgumentList.Add("--servers");
        start.ArgumentList.Add(campus.ModbusServers.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--units");
        start.ArgumentList.Add(campus.UnitsPerServer.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--registers");
        start.ArgumentList.Add(campus.PointsPerDevice.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("pymodbus did not start.");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync(cancellationToken);
            throw new InvalidOperationException($"pymodbus did not start listening ({PymodbusServer.InstallHint}): {line} {error}");
        }

        var ports = line["listening ".Length..].Split(' ').Select(port => int.Parse(port, CultureInfo.InvariantCulture)).ToList();
        return new ScaleModbusPeers(process, ports);
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
