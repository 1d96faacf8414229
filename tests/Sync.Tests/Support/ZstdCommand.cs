using System.Diagnostics;

namespace SmartCampus.Edge.Sync.Tests.Support;

/// <summary>
/// Decompresses with the reference zstd command (/usr/bin/zstd), so a test proves that a district using the
/// reference library can read what the gateway sends, not only the library that wrote it.
/// </summary>
public static class ZstdCommand
{
    private const string Program = "/usr/bin/zstd";

    public static byte[] Decompress(byte[] compressed)
    {
        if (!File.Exists(Program))
        {
            throw new InvalidOperationException($"{Program} is missing; install it with 'apt-get install zstd'.");
        }

        var start = new ProcessStartInfo(Program, ["-d", "-c", "-q"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Program} did not start.");
        var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();

        process.StandardInput.BaseStream.Write(compressed);
        process.StandardInput.Close();
        reading.Wait(TimeSpan.FromSeconds(30));
        process.WaitForExit(TimeSpan.FromSeconds(30));

        if (process.ExitCode != 0)
        {
            throw new InvalidDataException($"zstd -d failed with exit code {process.ExitCode}: {errors.Result}");
        }

        return output.ToArray();
    }
}
