using SharpFuzz;
using SmartCampus.Edge.Fuzz.Targets;

// Usage: SmartCampus.Edge.Fuzz TARGET [--libfuzzer | --replay FILE_OR_FOLDER...]
//   no option   run under AFL++ (afl-fuzz starts this program and feeds it through SharpFuzz)
//   --libfuzzer run under a libfuzzer-dotnet driver
//   --replay    run each file once in process and print the exception of any that crash (for triage; use a
//               build that SharpFuzz has not instrumented, since instrumented code needs the fuzzer's coverage map)
if (args.Length == 0 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine("usage: SmartCampus.Edge.Fuzz TARGET [--libfuzzer | --replay PATH...]");
    Console.Error.WriteLine("targets: " + string.Join(" ", FuzzTargets.Names));
    return 2;
}

var name = args[0];
var mode = args.Length > 1 ? args[1] : string.Empty;
IFuzzTarget? target = null;

if (mode == "--libfuzzer")
{
    Fuzzer.LibFuzzer.Run(span => (target ??= FuzzTargets.Create(name)!).Run(span));
    return 0;
}

if (mode == "--replay")
{
    target = FuzzTargets.Create(name)!;
    var failures = 0;
    var files = args.Skip(2).SelectMany(path => Directory.Exists(path) ? Directory.GetFiles(path) : [path]).Order(StringComparer.Ordinal).ToList();
    foreach (var file in files)
    {
        try
        {
            target.Run(File.ReadAllBytes(file));
        }
#pragma warning disable CA1031 // Triage reports every escaping exception, whatever its type.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            failures++;
            Console.WriteLine($"CRASH {file}: {exception}");
        }
    }

    Console.WriteLine($"{failures} of {files.Count} inputs crashed");
    return failures == 0 ? 0 : 1;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    (target ??= FuzzTargets.Create(name)!).Run(buffer.ToArray());
});
return 0;
