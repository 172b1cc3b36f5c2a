namespace Governance.Evaluation.Drift;

/// <summary>Default thresholds per method (Evidently's where it has one).</summary>
public static class DriftThresholds
{
    /// <summary>
    /// KS, chi-square and MMD: significance level 0.05 (drift when p &lt; 0.05). Wasserstein (normed),
    /// Jensen-Shannon, PSI: 0.1 (drift when &gt;= 0.1). L-infinity: 0.1. Out-of-vocabulary rate: 0.1.
    /// Domain classifier: ROC-AUC 0.55.
    /// </summary>
    public static double DefaultFor(DriftMethod method) => method switch
    {
        DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare or DriftMethod.MaximumMeanDiscrepancy => 0.05,
        DriftMethod.DomainClassifier => 0.55,
        _ => 0.1,
    };

    /// <summary>Threshold for <paramref name="method"/>: the configured one (checked) or the default.</summary>
    /// <exception cref="ArgumentException">A test's significance level outside (0, 1), or a negative distance threshold.</exception>
    public static double Resolve(DriftMethod method, double? configured, string column)
    {
        double t = configured ?? DefaultFor(method);
        if (IsTest(method) ? !(t > 0 && t < 1) : !(t >= 0))
        {
            throw new ArgumentException($"Column '{column}': threshold {t} is invalid for {method} ({(IsTest(method) ? "a significance level in (0, 1)" : "a non-negative distance")}).", nameof(configured));
        }

        return t;
    }

    /// <summary>True for the methods whose verdict is "p-value below threshold".</summary>
    public static bool IsTest(DriftMethod method) =>
        method is DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare or DriftMethod.MaximumMeanDiscrepancy;
}
