using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Classification;

/// <summary>
/// Average precision as scikit-learn's <c>average_precision_score</c>: the step-wise sum
/// AP = sum_n (R_n - R_(n-1)) P_n over distinct score thresholds, highest first (no interpolation).
/// </summary>
public static class AveragePrecision
{
    /// <summary>Method string recorded in results.</summary>
    public const string Method = "step-wise sum (R_n - R_n-1) * P_n over distinct thresholds, no interpolation, as sklearn.metrics.average_precision_score";

    /// <summary>Binary AP for labels 0/1 and scores (higher = more positive). Undefined when there are no positives.</summary>
    public static ScoreMetricResult Binary(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores)
    {
        InputGuard.NotEmpty(labels, nameof(labels));
        InputGuard.SameLength(labels.Length, scores.Length, nameof(scores), nameof(labels));
        InputGuard.BinaryLabels(labels, nameof(labels));
        InputGuard.Finite(scores, nameof(scores));
        double? value = Compute(labels, scores, out int positives);
        return value is null
            ? new ScoreMetricResult("average_precision", MetricStatus.Undefined, null, labels.Length, null, Method,
                "Average precision is undefined without positive examples (recall has no denominator).")
            : new ScoreMetricResult("average_precision", MetricStatus.Defined, value, labels.Length, null, Method, null);
    }

    /// <summary>
    /// Macro one-vs-rest AP for labels in [0, K) and row-major (n, K) scores. Undefined if any class has
    /// no positive examples (per-class values are still given).
    /// </summary>
    public static ScoreMetricResult MacroOneVsRest(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount)
    {
        ProbabilityInput.CheckMatrix(labels, scores, classCount, requireProbabilities: false);
        int n = labels.Length;
        var perClass = new double?[classCount];
        var binary = new int[n];
        var column = new double[n];
        for (int c = 0; c < classCount; c++)
        {
            for (int i = 0; i < n; i++)
            {
                binary[i] = labels[i] == c ? 1 : 0;
                column[i] = scores[i * classCount + c];
            }
            perClass[c] = Compute(binary, column, out _);
        }
        return ProbabilityInput.Macro("average_precision_ovr_macro", perClass, n, Method + "; unweighted mean over classes");
    }

    internal static double? Compute(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, out int positives)
    {
        int n = labels.Length;
        var keys = new double[n];
        var items = labels.ToArray();
        for (int i = 0; i < n; i++) keys[i] = -scores[i]; // sort descending by score
        Array.Sort(keys, items);
        positives = 0;
        foreach (int y in items) positives += y;
        if (positives == 0) return null;
        double ap = 0, previousRecall = 0;
        long truePositives = 0, seen = 0;
        int start = 0;
        while (start < n)
        {
            int end = start;
            while (end < n && keys[end] == keys[start])
            {
                truePositives += items[end];
                end++;
            }
            seen += end - start;
            double recall = (double)truePositives / positives;
            ap += (recall - previousRecall) * ((double)truePositives / seen);
            previousRecall = recall;
            start = end;
        }
        return ap;
    }
}
