using Governance.Evaluation.Classification;
using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Uncertainty;

/// <summary>
/// Champion vs challenger evaluated on the same examples: each resample draws one set of rows and
/// scores both models on it, so the interval is for the paired difference (challenger - champion).
/// </summary>
public static class PairedBootstrap
{
    private const string Method = "paired percentile bootstrap of challenger - champion on the same resampled rows; " + Bootstrap.PercentileMethod;

    /// <summary>Paired bootstrap of a count-based metric.</summary>
    public static PairedBootstrapResult Classification(ReadOnlySpan<int> actual, ReadOnlySpan<int> championPredicted,
        ReadOnlySpan<int> challengerPredicted, int classCount, CountMetric metric, BootstrapOptions? options = null,
        ZeroDivisionPolicy zeroDivision = ZeroDivisionPolicy.Zero)
    {
        options ??= new BootstrapOptions();
        options.Validate();
        InputGuard.SameLength(actual.Length, challengerPredicted.Length, nameof(challengerPredicted), nameof(actual));
        var champion = ConfusionMatrix.FromLabels(actual, championPredicted, classCount);
        var challenger = ConfusionMatrix.FromLabels(actual, challengerPredicted, classCount);
        int n = actual.Length, cellCount = classCount * classCount;
        if (cellCount > 256) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "The bootstrap supports up to 16 classes.");
        // Both models' cells for a row packed in one value, so that one draw updates both count buffers.
        var cells = new ushort[n];
        for (int i = 0; i < n; i++)
            cells[i] = (ushort)(((actual[i] * classCount + championPredicted[i]) << 8) | (actual[i] * classCount + challengerPredicted[i]));

        var differences = new double[options.Resamples];
        Parallel.For(0, options.Resamples, options.Parallel, () => (Banks: new int[8 * cellCount], Counts: new long[2 * cellCount]), (r, _, buffers) =>
        {
            var sink = new ResampleDraws.PairedCellSink(cells, buffers.Banks, cellCount);
            ResampleDraws.Run(options.Seed, r, n, ref sink);
            ResampleDraws.Collapse(buffers.Banks, 4, 2 * cellCount, buffers.Counts);
            double a = CountMetrics.Compute(metric, buffers.Counts.AsSpan(0, cellCount), classCount, zeroDivision);
            double b = CountMetrics.Compute(metric, buffers.Counts.AsSpan(cellCount, cellCount), classCount, zeroDivision);
            differences[r] = b - a;
            return buffers;
        }, _ => { });

        double championEstimate = CountMetrics.Compute(metric, champion.Counts, classCount, zeroDivision);
        double challengerEstimate = CountMetrics.Compute(metric, challenger.Counts, classCount, zeroDivision);
        return Summarise(metric.ToString(), championEstimate, challengerEstimate, differences, options, n);
    }

    /// <summary>Paired bootstrap of any metric given as a function of resampled row indices for each model.</summary>
    public static PairedBootstrapResult Generic(int sampleSize, ResampleMetric champion, ResampleMetric challenger, string metricName,
        BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(challenger);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        options ??= new BootstrapOptions();
        options.Validate();
        var identity = Enumerable.Range(0, sampleSize).ToArray();
        var differences = new double[options.Resamples];
        Parallel.For(0, options.Resamples, options.Parallel, () => new int[sampleSize], (r, _, indices) =>
        {
            Bootstrap.Draw(options.Seed, r, indices);
            differences[r] = challenger(indices) - champion(indices);
            return indices;
        }, _ => { });
        return Summarise(metricName, champion(identity), challenger(identity), differences, options, sampleSize);
    }

    private static PairedBootstrapResult Summarise(string name, double champion, double challenger, double[] differences,
        BootstrapOptions options, int n)
    {
        var (lower, upper, valid) = Bootstrap.Interval(differences, options.ConfidenceLevel);
        int notBetter = differences.Count(d => double.IsFinite(d) && d <= 0);
        double share = valid == 0 ? double.NaN : (double)notBetter / valid;
        return new PairedBootstrapResult(name, champion, challenger, challenger - champion, lower, upper, options.ConfidenceLevel,
            share, options.Resamples, valid, options.Seed, n, Method);
    }
}
