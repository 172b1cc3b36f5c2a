using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Classification;

/// <summary>
/// Binary ROC-AUC, equal to scikit-learn's <c>roc_auc_score</c>: the area under the trapezoidal ROC
/// curve over distinct score thresholds, which equals the Mann-Whitney probability
/// P(score+ &gt; score-) + 0.5 P(score+ = score-) (tied scores count one half).
/// </summary>
/// <remarks>
/// Stable API, also used by drift (domain classifier): <c>RocAuc.Binary(labels, scores)</c> with labels
/// 0/1 and finite scores of equal length. With only one class present the result has
/// <see cref="MetricStatus.Undefined"/> and a null value (scikit-learn raises instead). O(n log n).
/// </remarks>
public static class RocAuc
{
    /// <summary>Method string recorded in results.</summary>
    public const string Method = "trapezoidal ROC over distinct thresholds (ties = 1/2), as sklearn.metrics.roc_auc_score";

    /// <summary>Binary ROC-AUC for labels in {0,1} (1 = positive) and real-valued scores (higher = more positive).</summary>
    /// <exception cref="ArgumentException">Empty, mismatched lengths, labels not 0/1, or non-finite scores.</exception>
    public static RocAucResult Binary(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores)
    {
        InputGuard.NotEmpty(labels, nameof(labels));
        InputGuard.SameLength(labels.Length, scores.Length, nameof(scores), nameof(labels));
        InputGuard.BinaryLabels(labels, nameof(labels));
        InputGuard.Finite(scores, nameof(scores));

        double[] keys = scores.ToArray();
        int[] isPositive = labels.ToArray();
        Array.Sort(keys, isPositive);
        return FromSorted(keys, isPositive);
    }

    /// <summary>
    /// Multiclass ROC-AUC, one-vs-rest, unweighted mean over classes (sklearn <c>multi_class="ovr", average="macro"</c>)
    /// for labels in [0, K) and row-major (n, K) scores. Undefined when any class has no positives or no negatives.
    /// </summary>
    public static ScoreMetricResult MacroOneVsRest(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount)
    {
        ProbabilityInput.CheckMatrix(labels, scores, classCount, requireProbabilities: false);
        int n = labels.Length;
        var perClass = new double?[classCount];
        var keys = new double[n];
        var sortedLabels = new int[n];
        for (int c = 0; c < classCount; c++)
        {
            for (int i = 0; i < n; i++)
            {
                keys[i] = scores[i * classCount + c];
                sortedLabels[i] = labels[i] == c ? 1 : 0;
            }
            Array.Sort(keys, sortedLabels);
            perClass[c] = FromSorted(keys, sortedLabels).Value;
        }
        return ProbabilityInput.Macro("roc_auc_ovr_macro", perClass, n, Method + "; one-vs-rest, unweighted mean over classes");
    }

    // keys ascending with the 0/1 labels permuted alongside.
    internal static RocAucResult FromSorted(ReadOnlySpan<double> keys, ReadOnlySpan<int> sortedLabels)
    {
        long positives = 0, negatives = 0;
        double pairsWon = 0; // sum over positives of (#negatives below + 0.5 #negatives tied)
        int i = 0, n = keys.Length;
        while (i < n)
        {
            int j = i;
            long groupPositives = 0, groupNegatives = 0;
            while (j < n && keys[j] == keys[i])
            {
                if (sortedLabels[j] == 1) groupPositives++; else groupNegatives++;
                j++;
            }
            pairsWon += groupPositives * (negatives + 0.5 * groupNegatives);
            positives += groupPositives;
            negatives += groupNegatives;
            i = j;
        }
        if (positives == 0 || negatives == 0)
        {
            string missing = positives == 0 ? "positive" : "negative";
            return new RocAucResult(MetricStatus.Undefined, null, (int)positives, (int)negatives, Method,
                $"ROC-AUC is undefined: no {missing} examples (only one class present).");
        }
        return new RocAucResult(MetricStatus.Defined, pairsWon / ((double)positives * negatives), (int)positives, (int)negatives, Method, null);
    }
}
