using System.Reflection;
using Governance.Evaluation.Benchmarks;

// Dispatcher: `dotnet run -c Release -- metrics|drift|all`. Suites are classes implementing IBenchmark
// (MetricsBenchmarks here; DriftBenchmarks comes from the drift branch), found by reflection so that
// this file compiles whichever suites exist.
var suites = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

string choice = args.Length > 0 ? args[0] : "all";
var selected = choice == "all" ? suites : suites.Where(s => s.Name == choice).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"Unknown suite '{choice}'. Available: {string.Join(", ", suites.Select(s => s.Name))}, all");
    return 1;
}
Console.WriteLine($"# {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} logical cores, .NET {Environment.Version}");
foreach (var suite in selected)
{
    Console.WriteLine($"## {suite.Name}");
    suite.Run();
}
return 0;
