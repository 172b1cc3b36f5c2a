namespace Governance.Evaluation.Classification;

/// <summary>Count-based classification metrics (binary or multiclass) as scikit-learn defines them.</summary>
public static class ClassificationMetrics
{
    /// <summary>Method string recorded in reports.</summary>
    public const string Method =
        "confusion counts; precision/recall/F1 per class, macro over classes in true or predicted labels, micro pooled, " +
        "weighted by support; balanced accuracy over classes in true labels; MCC (Gorodkin R_K); as scikit-learn 1.2";

    /// <summary>Computes the report from true and predicted labels in [0, classCount).</summary>
    /// <exception cref="ArgumentException">Empty, mismatched or out-of-range labels.</exception>
    public static ClassificationReport Evaluate(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount,
        ZeroDivisionPolicy zeroDivision = ZeroDivisionPolicy.Zero) =>
        FromConfusion(ConfusionMatrix.FromLabels(actual, predicted, classCount), zeroDivision);

    /// <summary>Computes the report from a confusion matrix.</summary>
    public static ClassificationReport FromConfusion(ConfusionMatrix matrix, ZeroDivisionPolicy zeroDivision = ZeroDivisionPolicy.Zero)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int k = matrix.ClassCount;
        ReadOnlySpan<long> counts = matrix.Counts;
        long total = matrix.Total;
        if (total == 0) throw new ArgumentException("The confusion matrix is empty.", nameof(matrix));
        double zd = zeroDivision == ZeroDivisionPolicy.One ? 1 : 0;

        var perClass = new List<ClassMetrics>(k);
        var averaged = new List<int>();
        var zeroDivisionClasses = new List<int>();
        double macroP = 0, macroR = 0, macroF = 0, weightedP = 0, weightedR = 0, weightedF = 0;
        for (int c = 0; c < k; c++)
        {
            var s = CountMetrics.ClassStats(counts, k, c, zd);
            bool anyZeroDivision = s.PrecisionZeroDivision || s.RecallZeroDivision || s.F1ZeroDivision;
            perClass.Add(new ClassMetrics(c, s.Precision, s.Recall, s.F1, s.Support, s.Predicted, anyZeroDivision));
            if (anyZeroDivision) zeroDivisionClasses.Add(c);
            weightedP += s.Precision * s.Support;
            weightedR += s.Recall * s.Support;
            weightedF += s.F1 * s.Support;
            if (s.Support == 0 && s.Predicted == 0) continue;
            averaged.Add(c);
            macroP += s.Precision;
            macroR += s.Recall;
            macroF += s.F1;
        }
        double accuracy = CountMetrics.Accuracy(counts, k);
        int m = averaged.Count;
        return new ClassificationReport(
            total, k, matrix.ToRows(), accuracy,
            CountMetrics.Compute(CountMetric.BalancedAccuracy, counts, k, zeroDivision),
            CountMetrics.Matthews(counts, k),
            perClass,
            new AveragedMetrics(macroP / m, macroR / m, macroF / m),
            new AveragedMetrics(accuracy, accuracy, accuracy),
            new AveragedMetrics(weightedP / total, weightedR / total, weightedF / total),
            averaged, zeroDivision, zeroDivisionClasses, Method);
    }
}
