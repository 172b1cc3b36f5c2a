using Governance.Evaluation.Classification;

namespace Governance.Evaluation.Uncertainty;

/// <summary>
/// Bootstrap interval for binary ROC-AUC without sorting per resample: rows are sorted by score once,
/// each resample only counts how often each row was drawn, and the tie-aware Mann-Whitney sum is
/// taken over the sorted order with those multiplicities. O(n) per resample.
/// </summary>
public static class RocAucBootstrap
{
    /// <summary>Percentile interval for <see cref="RocAuc.Binary"/>; resamples with one class only are excluded (counted in ValidResamples).</summary>
    public static BootstrapInterval Binary(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, BootstrapOptions? options = null)
    {
        options ??= new BootstrapOptions();
        options.Validate();
        var full = RocAuc.Binary(labels, scores); // validates input
        int n = labels.Length;
        var keys = scores.ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(keys, order);
        // Position of each original row in the sorted order, its label, and the start of its tie group.
        var sortedLabels = new byte[n];
        var groupStart = new int[n];
        for (int i = 0; i < n; i++)
        {
            sortedLabels[i] = (byte)labels[order[i]];
            groupStart[i] = i > 0 && keys[i] == keys[i - 1] ? groupStart[i - 1] : i;
        }
        var values = new double[options.Resamples];
        Parallel.For(0, options.Resamples, options.Parallel, () => new int[n], (r, _, multiplicity) =>
        {
            Array.Clear(multiplicity);
            var sink = new ResampleDraws.MultiplicitySink(multiplicity); // indices refer to sorted positions
            ResampleDraws.Run(options.Seed, r, n, ref sink);
            values[r] = WeightedAuc(multiplicity, sortedLabels, groupStart);
            return multiplicity;
        }, _ => { });
        double estimate = full.Value ?? double.NaN;
        return Bootstrap.Summarise("roc_auc", estimate, values, options, n) with
        {
            Method = Bootstrap.PercentileMethod + "; ROC-AUC from multiplicities over the presorted scores (ties = 1/2)",
        };
    }

    private static double WeightedAuc(int[] weight, byte[] sortedLabels, int[] groupStart)
    {
        double won = 0, negativesBelow = 0, positives = 0, groupPositives = 0, groupNegatives = 0;
        int n = weight.Length;
        for (int i = 0; i < n; i++)
        {
            if (groupStart[i] == i && i > 0)
            {
                won += groupPositives * (negativesBelow + 0.5 * groupNegatives);
                negativesBelow += groupNegatives;
                positives += groupPositives;
                groupPositives = groupNegatives = 0;
            }
            if (sortedLabels[i] == 1) groupPositives += weight[i]; else groupNegatives += weight[i];
        }
        won += groupPositives * (negativesBelow + 0.5 * groupNegatives);
        negativesBelow += groupNegatives;
        positives += groupPositives;
        return positives == 0 || negativesBelow == 0 ? double.NaN : won / (positives * negativesBelow);
    }
}
