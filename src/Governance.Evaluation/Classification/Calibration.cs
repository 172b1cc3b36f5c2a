using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Classification;

/// <summary>One bin of a reliability diagram.</summary>
/// <param name="Lower">Lower edge (exclusive, except 0 for the first bin).</param>
/// <param name="Upper">Upper edge (inclusive).</param>
/// <param name="Count">Examples in the bin.</param>
/// <param name="MeanPredicted">Mean predicted probability (or confidence) in the bin; null when empty.</param>
/// <param name="ObservedFrequency">Observed frequency of the event (or accuracy) in the bin; null when empty.</param>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double? MeanPredicted, double? ObservedFrequency);

/// <summary>Expected calibration error with its reliability diagram.</summary>
/// <param name="ExpectedCalibrationError">sum_b (n_b / n) |observed_b - predicted_b|.</param>
/// <param name="MaximumCalibrationError">max over non-empty bins of |observed_b - predicted_b|.</param>
/// <param name="Bins">All bins, empty ones included.</param>
/// <param name="SampleCount">Examples.</param>
/// <param name="Method">Definition used (top-label or positive-class, binning).</param>
public sealed record CalibrationResult(double ExpectedCalibrationError, double MaximumCalibrationError,
    IReadOnlyList<ReliabilityBin> Bins, int SampleCount, string Method)
{
    /// <summary>Result schema version.</summary>
    public string SchemaVersion { get; init; } = Governance.Evaluation.Statistics.ResultSchema.Version;
}

/// <summary>
/// Calibration with equal-width bins (lo, hi], the first bin also holding 0, as sklearn's
/// <c>calibration_curve(strategy="uniform")</c> bins them.
/// </summary>
public static class Calibration
{
    /// <summary>Top-label ECE (Guo et al. 2017): confidence = max_k p_k, correct = argmax equals the label (first max wins).</summary>
    public static CalibrationResult TopLabel(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classCount, int binCount = 10)
    {
        ProbabilityInput.CheckMatrix(labels, probabilities, classCount, requireProbabilities: true);
        int n = labels.Length;
        var confidence = new double[n];
        var outcome = new double[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int c = 1; c < classCount; c++)
                if (probabilities[i * classCount + c] > probabilities[i * classCount + best]) best = c;
            confidence[i] = probabilities[i * classCount + best];
            outcome[i] = best == labels[i] ? 1 : 0;
        }
        return Build(confidence, outcome, binCount,
            $"top-label ECE (Guo et al. 2017): confidence = max probability, observed = accuracy; {binCount} equal-width bins (lo, hi]");
    }

    /// <summary>Positive-class reliability (sklearn calibration_curve): predicted = P(class 1), observed = share of label 1.</summary>
    public static CalibrationResult Binary(ReadOnlySpan<int> labels, ReadOnlySpan<double> positiveProbabilities, int binCount = 10)
    {
        ProbabilityMetrics.CheckBinary(labels, positiveProbabilities);
        var outcome = new double[labels.Length];
        for (int i = 0; i < labels.Length; i++) outcome[i] = labels[i];
        return Build(positiveProbabilities, outcome, binCount,
            $"positive-class calibration (sklearn calibration_curve, uniform): {binCount} equal-width bins (lo, hi]");
    }

    private static CalibrationResult Build(ReadOnlySpan<double> predicted, ReadOnlySpan<double> outcome, int binCount, string method)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        var count = new int[binCount];
        var sumPredicted = new double[binCount];
        var sumOutcome = new double[binCount];
        for (int i = 0; i < predicted.Length; i++)
        {
            int b = BinOf(predicted[i], binCount);
            count[b]++;
            sumPredicted[b] += predicted[i];
            sumOutcome[b] += outcome[i];
        }
        var bins = new List<ReliabilityBin>(binCount);
        double ece = 0, mce = 0;
        for (int b = 0; b < binCount; b++)
        {
            if (count[b] == 0)
            {
                bins.Add(new ReliabilityBin((double)b / binCount, (double)(b + 1) / binCount, 0, null, null));
                continue;
            }
            double meanPredicted = sumPredicted[b] / count[b], observed = sumOutcome[b] / count[b];
            double gap = Math.Abs(observed - meanPredicted);
            ece += gap * count[b] / predicted.Length;
            mce = Math.Max(mce, gap);
            bins.Add(new ReliabilityBin((double)b / binCount, (double)(b + 1) / binCount, count[b], meanPredicted, observed));
        }
        return new CalibrationResult(ece, mce, bins, predicted.Length, method);
    }

    // Number of interior edges b/B strictly below p, i.e. bins (lo, hi] with 0 in the first.
    private static int BinOf(double p, int binCount)
    {
        int b = (int)Math.Ceiling(p * binCount) - 1;
        b = Math.Clamp(b, 0, binCount - 1);
        // Guard against rounding at edges: keep (edge_b, edge_b+1] with edges computed as b / B.
        if (b > 0 && p <= (double)b / binCount) b--;
        else if (b < binCount - 1 && p > (double)(b + 1) / binCount) b++;
        return b;
    }
}
