using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Classification;

/// <summary>Log loss and Brier score from predicted probabilities.</summary>
public static class ProbabilityMetrics
{
    /// <summary>Probabilities are clipped to [eps, 1 - eps] before the log, as scikit-learn (float64 machine epsilon).</summary>
    public const double LogLossEpsilon = 2.220446049250313e-16;

    /// <summary>Binary log loss, mean of -[y ln p + (1 - y) ln(1 - p)], p = P(class 1), natural log.</summary>
    public static ScoreMetricResult BinaryLogLoss(ReadOnlySpan<int> labels, ReadOnlySpan<double> positiveProbabilities)
    {
        CheckBinary(labels, positiveProbabilities);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = Math.Clamp(positiveProbabilities[i], LogLossEpsilon, 1 - LogLossEpsilon);
            sum -= labels[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }
        return Defined("log_loss", sum / labels.Length, labels.Length,
            "mean negative log-likelihood (natural log), p clipped to [eps, 1-eps], eps = 2.22e-16, as sklearn.metrics.log_loss");
    }

    /// <summary>Multiclass log loss, mean of -ln p(true class), for row-major (n, K) probabilities whose rows sum to 1.</summary>
    public static ScoreMetricResult LogLoss(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classCount)
    {
        ProbabilityInput.CheckMatrix(labels, probabilities, classCount, requireProbabilities: true);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
            sum -= Math.Log(Math.Clamp(probabilities[i * classCount + labels[i]], LogLossEpsilon, 1 - LogLossEpsilon));
        return Defined("log_loss", sum / labels.Length, labels.Length,
            "mean -ln p(true class) (natural log), p clipped to [eps, 1-eps], eps = 2.22e-16; rows must sum to 1 (not renormalised)");
    }

    /// <summary>Binary Brier score, mean of (p - y)^2 with p = P(class 1), as sklearn's <c>brier_score_loss</c>.</summary>
    public static ScoreMetricResult BinaryBrier(ReadOnlySpan<int> labels, ReadOnlySpan<double> positiveProbabilities)
    {
        CheckBinary(labels, positiveProbabilities);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double d = positiveProbabilities[i] - labels[i];
            sum += d * d;
        }
        return Defined("brier", sum / labels.Length, labels.Length, "mean (p - y)^2, p = P(class 1), as sklearn.metrics.brier_score_loss");
    }

    /// <summary>
    /// Multiclass Brier score (Brier 1950): mean over examples of sum_k (p_k - 1[y = k])^2, range [0, 2].
    /// For K = 2 this is twice the binary score.
    /// </summary>
    public static ScoreMetricResult Brier(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classCount)
    {
        ProbabilityInput.CheckMatrix(labels, probabilities, classCount, requireProbabilities: true);
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
            for (int c = 0; c < classCount; c++)
            {
                double d = probabilities[i * classCount + c] - (labels[i] == c ? 1 : 0);
                sum += d * d;
            }
        return Defined("brier_multiclass", sum / labels.Length, labels.Length, "mean over examples of sum_k (p_k - onehot_k)^2 (Brier 1950)");
    }

    internal static void CheckBinary(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities)
    {
        InputGuard.NotEmpty(labels, nameof(labels));
        InputGuard.SameLength(labels.Length, probabilities.Length, nameof(probabilities), nameof(labels));
        InputGuard.BinaryLabels(labels, nameof(labels));
        InputGuard.Probabilities(probabilities, nameof(probabilities));
    }

    private static ScoreMetricResult Defined(string metric, double value, int n, string method) =>
        new(metric, MetricStatus.Defined, value, n, null, method, null);
}
