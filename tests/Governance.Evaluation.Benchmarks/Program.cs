using System.Reflection;
using Governance.Evaluation.Benchmarks;

// Dispatcher: `dotnet run -c Release -- metrics|drift|all`. Suites are found by reflection so that
// this file compiles whichever suites exist: classes implementing IBenchmark (MetricsBenchmarks),
// or, for convenience, a class named <Name>Benchmarks with a public static Run() (e.g. DriftBenchmarks
// from the drift branch, run as "drift").
var suites = new List<(string Name, Action Run)>();
foreach (var type in Assembly.GetExecutingAssembly().GetTypes().Where(t => t.IsClass && !t.IsAbstract))
{
    if (typeof(IBenchmark).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is not null)
    {
        var suite = (IBenchmark)Activator.CreateInstance(type)!;
        suites.Add((suite.Name, suite.Run));
    }
    else if (type.Name.EndsWith("Benchmarks", StringComparison.Ordinal)
        && type.GetMethod("Run", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes) is { } run)
    {
        suites.Add((type.Name[..^"Benchmarks".Length].ToLowerInvariant(), () => run.Invoke(null, null)));
    }
}
suites.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

string choice = args.Length > 0 ? args[0] : "all";
var selected = choice == "all" ? suites : suites.Where(s => s.Name == choice).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"Unknown suite '{choice}'. Available: {string.Join(", ", suites.Select(s => s.Name))}, all");
    return 1;
}
Console.WriteLine($"# {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} logical cores, .NET {Environment.Version}");
foreach (var (name, run) in selected)
{
    Console.WriteLine($"## {name}");
    run();
}
return 0;
