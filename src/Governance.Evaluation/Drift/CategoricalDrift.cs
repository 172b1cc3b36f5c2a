namespace Governance.Evaluation.Drift;

/// <summary>
/// Drift of one categorical column over the union of categories seen in either sample: chi-square
/// goodness of fit (current counts vs reference proportions), Jensen-Shannon distance, PSI or
/// L-infinity. Null labels are excluded and counted (or rejected).
/// </summary>
public static class CategoricalDrift
{
    /// <summary>Compares the label frequencies of <paramref name="current"/> with <paramref name="reference"/>.</summary>
    /// <exception cref="ArgumentException">Invalid options, a non-categorical method, or null labels under <see cref="NonFinitePolicy.Reject"/>.</exception>
    public static ColumnDriftResult Compare(string column, IReadOnlyList<string?> reference, IReadOnlyList<string?> current, ColumnDriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new ColumnDriftOptions();
        options.Validate(column);
        return Compare(column, CategoryCounts.From(reference, current, options.NonFinite), options);
    }

    internal static ColumnDriftResult Compare(string column, CategoryCounts counts, ColumnDriftOptions options)
    {
        DriftMethod method = options.Method ?? DriftMethodSelector.Choose(ColumnKind.Categorical, counts.ReferenceTotal, options.SmallSampleLimit);
        if (method is not (DriftMethod.ChiSquare or DriftMethod.JensenShannon or DriftMethod.PopulationStabilityIndex or DriftMethod.LInfinity))
        {
            throw new ArgumentException($"Column '{column}': {method} does not apply to categorical columns (use ChiSquare, JensenShannon, PopulationStabilityIndex or LInfinity).", nameof(options));
        }

        double threshold = DriftThresholds.Resolve(method, options.Threshold, column);
        var result = new ColumnDriftResult
        {
            Column = column,
            Kind = ColumnKind.Categorical,
            Method = method,
            MethodIsDefault = options.Method is null,
            Threshold = threshold,
            ReferenceCount = counts.ReferenceTotal,
            CurrentCount = counts.CurrentTotal,
            ReferenceExcluded = counts.ReferenceExcluded,
            CurrentExcluded = counts.CurrentExcluded,
            Histogram = counts.ToHistogram(),
        };
        if (counts.ReferenceTotal == 0 || counts.CurrentTotal == 0)
        {
            string which = counts.ReferenceTotal == 0 ? "reference" : "current";
            return result with { UndefinedReason = $"The {which} sample has no labels." };
        }

        int k = counts.Categories.Length;
        double[] r = new double[k], c = new double[k];
        for (int i = 0; i < k; i++)
        {
            r[i] = counts.Reference[i] / (double)counts.ReferenceTotal;
            c[i] = counts.Current[i] / (double)counts.CurrentTotal;
        }

        switch (method)
        {
            case DriftMethod.ChiSquare:
                {
                    if (k < 2)
                    {
                        return result with
                        {
                            Statistic = 0.0,
                            PValue = 1.0,
                            Drifted = false,
                            Detail = "one category in both samples: nothing can differ (chi-square needs 2 categories)",
                        };
                    }

                    if (options.ChiSquareForm == ChiSquareForm.Homogeneity)
                    {
                        ChiSquareResult h = ChiSquareGoodnessOfFit.Homogeneity(counts.Reference, counts.Current);
                        return result with
                        {
                            Statistic = h.Statistic,
                            PValue = h.PValue,
                            Drifted = h.PValue < threshold,
                            Detail = $"Pearson test of homogeneity on the 2 x k table of reference and current counts, no continuity correction, df = {h.DegreesOfFreedom}",
                        };
                    }

                    double[] observed = new double[k], expected = new double[k];
                    int unseen = 0;
                    for (int i = 0; i < k; i++)
                    {
                        observed[i] = counts.Current[i];
                        expected[i] = r[i] * counts.CurrentTotal;
                        if (counts.Reference[i] == 0)
                        {
                            unseen++;
                        }
                    }

                    ChiSquareResult chi = ChiSquareGoodnessOfFit.Test(observed, expected);
                    string detail = $"Pearson goodness of fit, observed = current counts, expected = reference proportions x current size, df = {chi.DegreesOfFreedom}";
                    if (unseen > 0)
                    {
                        detail += $"; {unseen} categor{(unseen == 1 ? "y" : "ies")} absent from the reference (statistic infinite, p = 0)";
                    }

                    return result with { Statistic = chi.Statistic, PValue = chi.PValue, Drifted = chi.PValue < threshold, Detail = detail };
                }

            case DriftMethod.JensenShannon:
                {
                    double js = JensenShannon.Distance(r, c);
                    return result with { Statistic = js, Drifted = js >= threshold, Detail = "category proportions; natural log" };
                }

            case DriftMethod.PopulationStabilityIndex:
                {
                    double psi = PopulationStabilityIndex.FromCounts(counts.Reference, counts.Current, options.PsiEpsilon);
                    return result with
                    {
                        Statistic = psi,
                        Drifted = psi >= threshold,
                        Detail = "one bin per category; empty bins take epsilon",
                        Parameters = NumericDrift.Params(("epsilon", options.PsiEpsilon)),
                    };
                }

            default:
                {
                    double linf = 0;
                    for (int i = 0; i < k; i++)
                    {
                        linf = Math.Max(linf, Math.Abs(r[i] - c[i]));
                    }

                    return result with { Statistic = linf, Drifted = linf >= threshold, Detail = "max |reference proportion - current proportion|" };
                }
        }
    }
}
