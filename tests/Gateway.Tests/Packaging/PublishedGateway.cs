using System.Runtime.InteropServices;

namespace SmartCampus.Edge.Gateway.Tests.Packaging;

/// <summary>
/// The gateway published by packaging/publish.sh as a self-contained single file for this machine, into a
/// temporary folder, once for every test of the collection.
/// </summary>
public sealed class PublishedGateway : IAsyncLifetime
{
    /// <summary>Publishing restores the runtime pack and compiles in Release: minutes on a busy two-core machine.</summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);

    public string PublishRoot { get; } = Directory.CreateTempSubdirectory("smartcampus-publish-").FullName;

    public string RuntimeIdentifier { get; } = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    public string ExecutablePath => Path.Combine(PublishRoot, RuntimeIdentifier, "smartcampus-edge");

    public string PublishOutput { get; private set; } = string.Empty;

    private Task<string>? _deb;

    /// <summary>Builds the .deb with packaging/build-deb.sh on the first call and returns its path.</summary>
    public Task<string> GetDebAsync() => LazyInitializer.EnsureInitialized(ref _deb, BuildDebAsync);

    public async Task InitializeAsync()
    {
        var script = Path.Combine(Configuration.RepositoryRoot.Path, "packaging", "publish.sh");
        var run = await ScriptRun.RunAsync(script, [RuntimeIdentifier], new Dictionary<string, string> { ["PUBLISH_ROOT"] = PublishRoot }, PublishTimeout);
        PublishOutput = run.Output;
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"packaging/publish.sh {RuntimeIdentifier} failed with exit code {run.ExitCode}:\n{run.Output}");
        }
    }

    private async Task<string> BuildDebAsync()
    {
        var script = Path.Combine(Configuration.RepositoryRoot.Path, "packaging", "build-deb.sh");
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

    public Task DisposeAsync()
    {
        Directory.Delete(PublishRoot, recursive: true);
        return Task.CompletedTask;
    }
}
