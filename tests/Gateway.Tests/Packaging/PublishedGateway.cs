using System.Runtime.InteropServices;

namespace SmartCampus.Edge.Gateway.Tests.Packaging;

/// <summary>
/// The gateway published by packaging/publish.sh as a self-contained single file for this machine, into a
/// temporary folder, once for every test of the collection. The scripts run on a copy of the source tree, because a
/// publish in the checkout rebuilds the libraries' Release output while `dotnet test` builds and loads the other test
/// projects from that same output.
/// </summary>
public sealed class PublishedGateway : IAsyncLifetime
{
    /// <summary>Publishing restores the runtime pack and compiles in Release: minutes on a busy two-core machine.</summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);

    public string PublishRoot { get; } = Directory.CreateTempSubdirectory("smartcampus-publish-").FullName;

    /// <summary>Copy of the repository's sources, packaging scripts and docs that the scripts run in.</summary>
    private string SourceRoot => Path.Combine(PublishRoot, "source");

    public string RuntimeIdentifier { get; } = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    public string ExecutablePath => Path.Combine(PublishRoot, RuntimeIdentifier, "smartcampus-edge");

    public string PublishOutput { get; private set; } = string.Empty;

    private Task<string>? _deb;

    /// <summary>Builds the .deb with packaging/build-deb.sh on the first call and returns its path.</summary>
    public Task<string> GetDebAsync() => LazyInitializer.EnsureInitialized(ref _deb, BuildDebAsync);

    public async Task InitializeAsync()
    {
        CopySources(Configuration.RepositoryRoot.Path, SourceRoot);
        var script = Path.Combine(SourceRoot, "packaging", "publish.sh");
        var run = await ScriptRun.RunAsync(script, [RuntimeIdentifier], new Dictionary<string, string> { ["PUBLISH_ROOT"] = PublishRoot }, PublishTimeout);
        PublishOutput = run.Output;
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"packaging/publish.sh {RuntimeIdentifier} failed with exit code {run.ExitCode}:\n{run.Output}");
        }
    }

    private async Task<string> BuildDebAsync()
    {
        var script = Path.Combine(SourceRoot, "packaging", "build-deb.sh");
        var environment = new Dictionary<string, string>
        {
            ["PUBLISH_ROOT"] = PublishRoot,
            ["DEB_OUTPUT"] = Path.Combine(PublishRoot, "deb"),
            ["DEB_COMPRESSION"] = "gzip",
            ["VERSION"] = "0.0.1-test",
        };

        var run = await ScriptRun.RunAsync(script, [RuntimeIdentifier], environment, TimeSpan.FromMinutes(3));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException("packaging/build-deb.sh failed (it needs dpkg-deb from the Debian package dpkg):\n" + run.Output);
        }

        var deb = run.Output.Trim().Split('\n')[^1];
        return File.Exists(deb) ? deb : throw new InvalidOperationException($"build-deb.sh wrote no .deb at '{deb}':\n{run.Output}");
    }

    /// <summary>Copies the folders and root files a publish and a .deb build read, without build output or git data.</summary>
    private static void CopySources(string repository, string target)
    {
        string[] folders = ["src", "hardware", "packaging", "docs", ".config"];
        foreach (var folder in folders.Where(folder => Directory.Exists(Path.Combine(repository, folder))))
        {
            CopyFolder(Path.Combine(repository, folder), Path.Combine(target, folder));
        }

        foreach (var file in Directory.EnumerateFiles(repository))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            var copy = Path.Combine(target, Path.GetFileName(file));
            File.Copy(file, copy);
            if (!OperatingSystem.IsWindows())
            {
                // Keeps the scripts executable.
                File.SetUnixFileMode(copy, File.GetUnixFileMode(file));
            }
        }

        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(folder);
            if (name is not ("bin" or "obj"))
            {
                CopyFolder(folder, Path.Combine(target, name));
            }
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(PublishRoot, recursive: true);
        return Task.CompletedTask;
    }
}
