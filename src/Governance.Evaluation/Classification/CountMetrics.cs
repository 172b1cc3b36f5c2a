namespace Governance.Evaluation.Classification;

/// <summary>
/// Count-based metrics from row-major K x K confusion counts (rows = true class), without allocating,
/// so that bootstrap resamples can call them a thousand times. Definitions follow scikit-learn:
/// macro averages run over classes present in the true or predicted labels; balanced accuracy over
/// classes present in the true labels; 0/0 takes the <see cref="ZeroDivisionPolicy"/> value.
/// </summary>
public static class CountMetrics
{
    /// <summary>Computes <paramref name="metric"/> from counts. NaN only if the counts are all zero.</summary>
    public static double Compute(CountMetric metric, ReadOnlySpan<long> counts, int classCount, ZeroDivisionPolicy zeroDivision = ZeroDivisionPolicy.Zero)
    {
        double zd = zeroDivision == ZeroDivisionPolicy.One ? 1 : 0;
        return metric switch
        {
            CountMetric.Accuracy => Accuracy(counts, classCount),
            CountMetric.BalancedAccuracy => BalancedAccuracy(counts, classCount),
            CountMetric.MacroPrecision => Macro(counts, classCount, zd, 0),
            CountMetric.MacroRecall => Macro(counts, classCount, zd, 1),
            CountMetric.MacroF1 => Macro(counts, classCount, zd, 2),
            CountMetric.MicroF1 => Micro(counts, classCount, zd),
            CountMetric.WeightedF1 => WeightedF1(counts, classCount, zd),
            CountMetric.MatthewsCorrelation => Matthews(counts, classCount),
            CountMetric.PositivePrecision => ClassStats(counts, classCount, 1, zd).Precision,
            CountMetric.PositiveRecall => ClassStats(counts, classCount, 1, zd).Recall,
            CountMetric.PositiveF1 => ClassStats(counts, classCount, 1, zd).F1,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
        };
    }

    internal readonly record struct PerClass(long TruePositives, long Support, long Predicted, double Precision, double Recall, double F1,
        bool PrecisionZeroDivision, bool RecallZeroDivision, bool F1ZeroDivision);

    internal static PerClass ClassStats(ReadOnlySpan<long> counts, int k, int c, double zd)
    {
        long tp = counts[c * k + c], support = 0, predicted = 0;
        for (int j = 0; j < k; j++)
        {
            support += counts[c * k + j];
            predicted += counts[j * k + c];
        }
        bool pz = predicted == 0, rz = support == 0;
        double precision = pz ? zd : (double)tp / predicted;
        double recall = rz ? zd : (double)tp / support;
        // F1 = 2TP / (2TP + FP + FN); the denominator is 0 only when the class is absent from both.
        long f1Denominator = support + predicted;
        bool fz = f1Denominator == 0;
        double f1 = fz ? zd : 2.0 * tp / f1Denominator;
        return new PerClass(tp, support, predicted, precision, recall, f1, pz, rz, fz);
    }

    internal static double Accuracy(ReadOnlySpan<long> counts, int k)
    {
        long correct = 0, total = 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                long v = counts[i * k + j];
                total += v;
                if (i == j) correct += v;
            }
        return total == 0 ? double.NaN : (double)correct / total;
    }

    private static double BalancedAccuracy(ReadOnlySpan<long> counts, int k)
    {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++)
        {
            long support = 0;
            for (int j = 0; j < k; j++) support += counts[c * k + j];
            if (support == 0) continue;
            sum += (double)counts[c * k + c] / support;
            present++;
        }
        return present == 0 ? double.NaN : sum / present;
    }

    // part: 0 precision, 1 recall, 2 F1.
    private static double Macro(ReadOnlySpan<long> counts, int k, double zd, int part)
    {
        double sum = 0;
        int included = 0;
        for (int c = 0; c < k; c++)
        {
            var s = ClassStats(counts, k, c, zd);
            if (s.Support == 0 && s.Predicted == 0) continue;
            sum += part switch { 0 => s.Precision, 1 => s.Recall, _ => s.F1 };
            included++;
        }
        return included == 0 ? double.NaN : sum / included;
    }

    private static double Micro(ReadOnlySpan<long> counts, int k, double zd)
    {
        // Pooled over all classes: TP = trace, FP = FN = total - trace, so micro P = R = F1 = accuracy.
        double accuracy = Accuracy(counts, k);
        return double.IsNaN(accuracy) ? zd : accuracy;
    }

    private static double WeightedF1(ReadOnlySpan<long> counts, int k, double zd)
    {
        double sum = 0;
        long total = 0;
        for (int c = 0; c < k; c++)
        {
            var s = ClassStats(counts, k, c, zd);
            sum += s.F1 * s.Support;
            total += s.Support;
        }
        return total == 0 ? double.NaN : sum / total;
    }

    internal static double Matthews(ReadOnlySpan<long> counts, int k)
    {
        // Gorodkin (2004): (c s - sum_k p_k t_k) / sqrt((s^2 - sum p_k^2)(s^2 - sum t_k^2)); 0 when undefined (as sklearn).
        double s = 0, correct = 0, pt = 0, pp = 0, tt = 0;
        for (int c = 0; c < k; c++)
        {
            double t = 0, p = 0;
            for (int j = 0; j < k; j++)
            {
                t += counts[c * k + j];
                p += counts[j * k + c];
            }
            correct += counts[c * k + c];
            s += t;
            pt += p * t;
            pp += p * p;
            tt += t * t;
        }
        double denominator = Math.Sqrt((s * s - pp) * (s * s - tt));
        return denominator == 0 ? 0 : (correct * s - pt) / denominator;
    }
}
