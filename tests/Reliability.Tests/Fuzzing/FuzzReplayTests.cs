using CsCheck;
using SmartCampus.Edge.Fuzz.Targets;

namespace SmartCampus.Edge.Reliability.Tests.Fuzzing;

/// <summary>
/// The in-suite short run of every fuzz target: the kept corpus, then generated inputs (random bytes and
/// byte-level mutations of the corpus), all through the real parsers in process. A target lets only its parser's
/// documented exceptions through its own catch blocks, so any exception here is a crash the fuzzer would report.
/// </summary>
public sealed class FuzzReplayTests
{
    /// <summary>Generated inputs per target; a few seconds each on the CI machine.</summary>
    private const int GeneratedInputs = 3000;

    public static TheoryData<string> Targets => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Corpus_RunsWithoutCrash(string name)
    {
        var files = CorpusFiles(name);
        Assert.NotEmpty(files);

        using var target = new DisposableTarget(FuzzTargets.Create(name)!);
        foreach (var file in files)
        {
            var exception = Record.Exception(() => target.Run(File.ReadAllBytes(file)));
            Assert.True(exception is null, $"{name} crashed on {Path.GetFileName(file)}: {exception}");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void GeneratedInputs_RunWithoutCrash(string name)
    {
        var seeds = CorpusFiles(name).Select(File.ReadAllBytes).ToArray();
        using var target = new DisposableTarget(FuzzTargets.Create(name)!);

        var inputs = Gen.Frequency(
            (1, Gen.Byte.Array[0, 300]),
            (3, FuzzInputs.Mutation(seeds)));
        inputs.Sample(input => RunKeepingCrash(target, name, input), iter: GeneratedInputs, threads: 1);
    }

    /// <summary>Runs one input; a crashing input is saved to the temp folder so it can join the corpus.</summary>
    private static void RunKeepingCrash(DisposableTarget target, string name, byte[] input)
    {
        try
        {
            target.Run(input);
        }
        catch (Exception exception)
        {
            var file = Path.Combine(Path.GetTempPath(), $"smartcampus-fuzz-crash-{name}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(input))[..12]}");
            File.WriteAllBytes(file, input);
            throw new InvalidOperationException($"{name} crashed; input saved to {file}", exception);
        }
    }

    internal static string[] CorpusFiles(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "corpus", name);
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Order(StringComparer.Ordinal)] : [];
    }
}
