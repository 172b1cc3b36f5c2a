using System.Diagnostics;
using System.Globalization;
using Governance.Data;
using Governance.Data.Audit;
using Governance.Data.Benchmarks;
using Governance.Data.Migrations;
using Governance.Domain.Audit;
using Microsoft.Extensions.DependencyInjection;

// Audit verification throughput. Usage: dotnet run -c Release [-- events [--no-sqlite]]
var count = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 1_000_000;
var sqlite = !args.Contains("--no-sqlite");

Console.WriteLine($"Building a chain of {count:N0} events with ~200-byte payloads...");
var events = ChainFactory.Build(count);
Console.WriteLine($"Average payload: {events.Average(e => e.Payload.Length):F0} bytes");

Measure("AuditHasher.ComputeHash, 1 thread", count, () =>
{
    Span<byte> hash = stackalloc byte[32];
    foreach (var e in events)
    {
        AuditHasher.ComputeHash(e, hash);
    }
});

Measure($"AuditChainVerifier.Feed, batches of 10k, {Environment.ProcessorCount} cores", count, () =>
{
    var verifier = new AuditChainVerifier();
    for (var i = 0; i < events.Count; i += AuditTrail.BatchSize)
    {
        verifier.Feed(events.GetRange(i, Math.Min(AuditTrail.BatchSize, events.Count - i)));
    }
    if (!verifier.Result().IsIntact)
    {
        throw new InvalidOperationException("chain should be intact");
    }
});

if (sqlite)
{
    var folder = Path.Combine(Path.GetTempPath(), "gov-bench-" + Guid.NewGuid().ToString("N")[..8]);
    Directory.CreateDirectory(folder);
    try
    {
        var options = new GovernanceDataOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")}", Path.Combine(folder, "artifacts"));
        var services = new ServiceCollection().AddLogging().AddGovernanceData(options).BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var load = Stopwatch.StartNew();
        await ChainFactory.InsertSqliteAsync(options.ConnectionString, events);
        Console.WriteLine($"Loaded {count:N0} rows into SQLite in {load.Elapsed.TotalSeconds:F1} s");
        events = null!;
        GC.Collect();
        for (var run = 0; run < 2; run++)
        {
            await using var scope = services.CreateAsyncScope();
            var trail = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var verdict = await trail.VerifyAsync();
            sw.Stop();
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"{"AuditTrail.VerifyAsync on SQLite (read + verify)",-58} {verdict.EventsChecked / sw.Elapsed.TotalSeconds,12:N0} events/s wall ({sw.Elapsed.TotalSeconds:F1} s, intact={verdict.IsIntact}); {verdict.EventsChecked / cpuSeconds,12:N0} events per CPU-second");
        }
        await services.DisposeAsync();
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

// Wall-clock rate, plus the rate per CPU-second of this process: on a shared machine the second
// says what the code costs, the first what the machine happened to give us.
static void Measure(string name, int count, Action action)
{
    action(); // warm-up
    var runs = new List<(double Wall, double Cpu)>();
    var process = Process.GetCurrentProcess();
    for (var run = 0; run < 5; run++)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        action();
        sw.Stop();
        process.Refresh();
        runs.Add((sw.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds));
    }
    var wall = runs.Select(r => r.Wall).Order().ToList();
    var perCpu = runs.Select(r => count / r.Cpu).Order().ToList();
    Console.WriteLine($"{name,-58} {count / wall[2],12:N0} events/s wall (median of 5, best {count / wall[0]:N0}); {perCpu[2],12:N0} events per CPU-second");
}
