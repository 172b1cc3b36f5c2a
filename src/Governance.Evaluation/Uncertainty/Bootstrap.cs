using Governance.Evaluation.Classification;

namespace Governance.Evaluation.Uncertainty;

/// <summary>
/// Seeded percentile bootstrap. Count-based classification metrics are computed from confusion counts
/// accumulated per resample into a reused buffer (one pass of n random draws, no per-resample arrays);
/// any other metric can be bootstrapped through <see cref="ResampleMetric"/> over resampled row indices.
/// </summary>
public static class Bootstrap
{
    internal const string PercentileMethod = "percentile bootstrap: resample rows with replacement (n of n), " +
        "interval = quantiles (1-level)/2 and (1+level)/2 of resample values, linear interpolation; resample r uses xoshiro256** stream r of the seed";

    /// <summary>Intervals for several count-based metrics from the same resamples.</summary>
    /// <exception cref="ArgumentException">Bad labels (see <see cref="ConfusionMatrix.FromLabels"/>), no metrics, or bad options.</exception>
    public static IReadOnlyList<BootstrapInterval> Classification(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount,
        IReadOnlyList<CountMetric> metrics, BootstrapOptions? options = null, ZeroDivisionPolicy zeroDivision = ZeroDivisionPolicy.Zero)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Count == 0) throw new ArgumentException("No metrics requested.", nameof(metrics));
        options ??= new BootstrapOptions();
        options.Validate();
        var full = ConfusionMatrix.FromLabels(actual, predicted, classCount);
        int n = actual.Length, cellCount = classCount * classCount;
        if (cellCount > 256) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "The bootstrap supports up to 16 classes.");
        var cells = new byte[n];
        for (int i = 0; i < n; i++) cells[i] = (byte)(actual[i] * classCount + predicted[i]);

        int m = metrics.Count, resamples = options.Resamples;
        var values = new double[m][];
        for (int j = 0; j < m; j++) values[j] = new double[resamples];
        Parallel.For(0, resamples, options.Parallel, () => (Banks: new int[4 * cellCount], Counts: new long[cellCount]), (r, _, buffers) =>
        {
            var sink = new ResampleDraws.CellSink(cells, buffers.Banks, cellCount);
            ResampleDraws.Run(options.Seed, r, n, ref sink);
            ResampleDraws.Collapse(buffers.Banks, 4, cellCount, buffers.Counts);
            for (int j = 0; j < m; j++) values[j][r] = CountMetrics.Compute(metrics[j], buffers.Counts, classCount, zeroDivision);
            return buffers;
        }, _ => { });

        var intervals = new BootstrapInterval[m];
        for (int j = 0; j < m; j++)
        {
            double estimate = CountMetrics.Compute(metrics[j], full.Counts, classCount, zeroDivision);
            intervals[j] = Summarise(metrics[j].ToString(), estimate, values[j], options, n);
        }
        return intervals;
    }

    /// <summary>Interval for any metric evaluated on resampled row indices (e.g. ROC-AUC, log loss, BLEU per segment).</summary>
    public static BootstrapInterval Generic(int sampleSize, ResampleMetric metric, string metricName, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        options ??= new BootstrapOptions();
        options.Validate();
        var identity = Enumerable.Range(0, sampleSize).ToArray();
        double estimate = metric(identity);
        var values = new double[options.Resamples];
        Parallel.For(0, options.Resamples, options.Parallel, () => new int[sampleSize], (r, _, indices) =>
        {
            Draw(options.Seed, r, indices);
            values[r] = metric(indices);
            return indices;
        }, _ => { });
        return Summarise(metricName, estimate, values, options, sampleSize);
    }

    internal static void Draw(ulong seed, int resample, int[] indices)
    {
        var sink = new ResampleDraws.IndexSink(indices);
        ResampleDraws.Run(seed, resample, indices.Length, ref sink);
    }

    internal static BootstrapInterval Summarise(string name, double estimate, double[] values, BootstrapOptions options, int n)
    {
        var (lower, upper, valid) = Interval(values, options.ConfidenceLevel);
        return new BootstrapInterval(name, estimate, lower, upper, options.ConfidenceLevel, options.Resamples, valid, options.Seed, n, PercentileMethod);
    }

    // Percentile bounds over the finite values; NaN bounds when no resample was valid.
    internal static (double Lower, double Upper, int Valid) Interval(double[] values, double level)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return (double.NaN, double.NaN, 0);
        Array.Sort(finite);
        double alpha = 1 - level;
        return (Percentile.OfSorted(finite, alpha / 2), Percentile.OfSorted(finite, 1 - alpha / 2), finite.Length);
    }
}
