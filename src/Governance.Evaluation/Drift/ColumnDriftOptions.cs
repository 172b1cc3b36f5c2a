namespace Governance.Evaluation.Drift;

/// <summary>
/// How one column is compared. Every property has a default; set <see cref="Method"/> and
/// <see cref="Threshold"/> to override the size-based choice for a column.
/// </summary>
public sealed record ColumnDriftOptions
{
    /// <summary>Statistic to use; null picks by kind and reference size (<see cref="DriftMethodSelector"/>).</summary>
    public DriftMethod? Method { get; init; }
    /// <summary>Threshold; null takes <see cref="DriftThresholds.DefaultFor"/> of the method.</summary>
    public double? Threshold { get; init; }
    /// <summary>Reference sizes up to this use the small-sample tests (KS / chi-square); default 1,000 as Evidently.</summary>
    public int SmallSampleLimit { get; init; } = 1000;
    /// <summary>PSI: number of reference-quantile bins (default 10, deciles).</summary>
    public int PsiBins { get; init; } = 10;
    /// <summary>PSI: proportion used in place of an empty bin (default 1e-4, Evidently's value).</summary>
    public double PsiEpsilon { get; init; } = 1e-4;
    /// <summary>Equal-width bins over the combined range, for Jensen-Shannon on numbers and for the histograms (default 30, Evidently's n_bins).</summary>
    public int HistogramBins { get; init; } = 30;
    /// <summary>KS p-value: exact for small samples, asymptotic otherwise (default), or forced.</summary>
    public KsPValueMode KsPValueMode { get; init; } = KsPValueMode.Auto;
    /// <summary>Chi-square form for categorical columns; default homogeneity (calibrated whatever the two sizes), see <see cref="Drift.ChiSquareForm"/>.</summary>
    public ChiSquareForm ChiSquareForm { get; init; } = ChiSquareForm.Homogeneity;
    /// <summary>NaN/Infinity (numeric) and null (categorical) values: excluded and counted (default) or rejected.</summary>
    public NonFinitePolicy NonFinite { get; init; } = NonFinitePolicy.Exclude;

    internal void Validate(string column)
    {
        if (PsiBins < 2)
        {
            throw new ArgumentException($"Column '{column}': PsiBins must be at least 2, was {PsiBins}.", nameof(PsiBins));
        }

        if (HistogramBins < 1)
        {
            throw new ArgumentException($"Column '{column}': HistogramBins must be at least 1, was {HistogramBins}.", nameof(HistogramBins));
        }

        if (!(PsiEpsilon > 0 && PsiEpsilon < 1))
        {
            throw new ArgumentException($"Column '{column}': PsiEpsilon must be in (0, 1), was {PsiEpsilon}.", nameof(PsiEpsilon));
        }

        if (Threshold is double t && !double.IsFinite(t))
        {
            throw new ArgumentException($"Column '{column}': Threshold must be finite.", nameof(Threshold));
        }
    }
}
