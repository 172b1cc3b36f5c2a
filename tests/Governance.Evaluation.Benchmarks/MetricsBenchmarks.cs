using System.Diagnostics;
using Governance.Evaluation.Classification;
using Governance.Evaluation.Statistics;
using Governance.Evaluation.Uncertainty;

namespace Governance.Evaluation.Benchmarks;

/// <summary>Classification metrics and bootstrap on 100k examples (target: 1,000 resamples under 2 s).</summary>
public sealed class MetricsBenchmarks : IBenchmark
{
    /// <inheritdoc />
    public string Name => "metrics";

    /// <inheritdoc />
    public void Run()
    {
        const int n = 100_000;
        var rng = new SeededRandom(1);
        var binary = new int[n];
        var predicted = new int[n];
        var challenger = new int[n];
        var scores = new double[n];
        var multi = new int[n];
        var multiPredicted = new int[n];
        for (int i = 0; i < n; i++)
        {
            binary[i] = rng.NextDouble() < 0.3 ? 1 : 0;
            scores[i] = Math.Clamp(0.3 * binary[i] + 0.7 * rng.NextDouble(), 0, 1);
            predicted[i] = scores[i] >= 0.5 ? 1 : 0;
            challenger[i] = rng.NextDouble() < 0.9 ? predicted[i] : 1 - predicted[i];
            multi[i] = rng.NextInt(5);
            multiPredicted[i] = rng.NextDouble() < 0.7 ? multi[i] : rng.NextInt(5);
        }
        CountMetric[] all = Enum.GetValues<CountMetric>();
        CountMetric[] multiMetrics = [CountMetric.Accuracy, CountMetric.BalancedAccuracy, CountMetric.MacroF1, CountMetric.WeightedF1, CountMetric.MatthewsCorrelation];

        Console.WriteLine("| case | n | resamples | median ms | min ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Time("classification report (binary)", n, 0, () => ClassificationMetrics.Evaluate(binary, predicted, 2));
        Time("ROC-AUC + AP + log loss + Brier (binary)", n, 0, () =>
        {
            RocAuc.Binary(binary, scores);
            AveragePrecision.Binary(binary, scores);
            ProbabilityMetrics.BinaryLogLoss(binary, scores);
            ProbabilityMetrics.BinaryBrier(binary, scores);
        });
        Time($"bootstrap {all.Length} count metrics (binary)", n, 1000, () => Bootstrap.Classification(binary, predicted, 2, all));
        Time($"bootstrap {all.Length} count metrics (binary), 1 thread", n, 1000, () => Bootstrap.Classification(binary, predicted, 2, all, new BootstrapOptions(MaxDegreeOfParallelism: 1)));
        Time($"bootstrap {multiMetrics.Length} count metrics (5 classes)", n, 1000, () => Bootstrap.Classification(multi, multiPredicted, 5, multiMetrics));
        Time("paired bootstrap macro-F1 (binary)", n, 1000, () => PairedBootstrap.Classification(binary, predicted, challenger, 2, CountMetric.MacroF1));
        Time("McNemar", n, 0, () => McNemar.Test(binary, predicted, challenger));
        Time("bootstrap ROC-AUC (presorted, multiplicities)", n, 1000, () => RocAucBootstrap.Binary(binary, scores));
        Time("bootstrap ROC-AUC (generic, sorts per resample)", n, 100, () => Bootstrap.Generic(n, idx =>
        {
            var y = new int[idx.Length];
            var s = new double[idx.Length];
            for (int i = 0; i < idx.Length; i++) { y[i] = binary[idx[i]]; s[i] = scores[idx[i]]; }
            return RocAuc.Binary(y, s).Value ?? double.NaN;
        }, "roc_auc", new BootstrapOptions(Resamples: 100)), repeats: 1);
    }

    private static void Time(string name, int n, int resamples, Action action, int repeats = 5)
    {
        action(); // warm-up (JIT, thread pool)
        var times = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine($"| {name} | {n:N0} | {resamples:N0} | {times[repeats / 2]:F1} | {times[0]:F1} |");
    }
}
