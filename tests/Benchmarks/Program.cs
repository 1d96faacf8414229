using System.Reflection;
using BenchmarkDotNet.Running;
using SmartCampus.Edge.Benchmarks;

// Usage:
//   list                 lists the scenarios
//   scenario NAME...     runs whole-path scenarios against real peers
//   anything else        goes to BenchmarkDotNet (for example --filter '*Codec*')
var scenarios = typeof(IScenario).Assembly.GetTypes()
    .Where(type => typeof(IScenario).IsAssignableFrom(type) && type is { IsAbstract: false, IsInterface: false })
    .Select(type => (IScenario)Activator.CreateInstance(type)!)
    .OrderBy(scenario => scenario.Name, StringComparer.Ordinal)
    .ToList();

if (args is ["list"])
{
    foreach (var scenario in scenarios)
    {
        Console.WriteLine($"{scenario.Name,-32} {scenario.Description}");
    }

    Console.WriteLine("BenchmarkDotNet classes: run with --list flat");
    return 0;
}

if (args is ["scenario", .. var names])
{
    foreach (var name in names)
    {
        var scenario = scenarios.FirstOrDefault(candidate => candidate.Name == name);
        if (scenario is null)
        {
            Console.Error.WriteLine($"Scenario '{name}' not found. Run 'list' to see the scenarios.");
            return 2;
        }

        Console.WriteLine($"== {scenario.Name}: {scenario.Description}");
        await scenario.RunAsync(Console.Out, CancellationToken.None);
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
return 0;
