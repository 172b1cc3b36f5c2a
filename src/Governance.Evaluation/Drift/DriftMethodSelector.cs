namespace Governance.Evaluation.Drift;

/// <summary>
/// Default statistic per column, as Evidently chooses: with at most <c>smallSampleLimit</c> (1,000)
/// reference values, KS for numbers and chi-square for categories; above that, normalised Wasserstein
/// (0.1) for numbers and Jensen-Shannon (0.1) for categories. Numeric columns with at most 5 distinct
/// values are compared as categories (<see cref="NumericDrift"/>). Unlike Evidently, two-category
/// columns get chi-square, not a z-test.
/// </summary>
public static class DriftMethodSelector
{
    /// <summary>Method for a column of <paramref name="kind"/> whose reference has <paramref name="referenceCount"/> values.</summary>
    public static DriftMethod Choose(ColumnKind kind, long referenceCount, int smallSampleLimit = 1000) => kind switch
    {
        ColumnKind.Numeric => referenceCount <= smallSampleLimit ? DriftMethod.KolmogorovSmirnov : DriftMethod.Wasserstein,
        ColumnKind.Categorical => referenceCount <= smallSampleLimit ? DriftMethod.ChiSquare : DriftMethod.JensenShannon,
        ColumnKind.Text => DriftMethod.DomainClassifier,
        ColumnKind.Embedding => DriftMethod.MaximumMeanDiscrepancy,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown column kind."),
    };
}
