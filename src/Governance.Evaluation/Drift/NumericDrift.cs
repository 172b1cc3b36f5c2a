using System.Globalization;

namespace Governance.Evaluation.Drift;

/// <summary>
/// Drift of one numeric column: KS, normalised Wasserstein, PSI or Jensen-Shannon, chosen by
/// <see cref="DriftMethodSelector"/> unless <see cref="ColumnDriftOptions.Method"/> says otherwise.
/// By default a column with at most 5 distinct values (e.g. a 0/1 flag) is compared as categories
/// (chi-square / Jensen-Shannon by reference size), as Evidently does.
/// NaN/Infinity are excluded and counted (or rejected, per <see cref="ColumnDriftOptions.NonFinite"/>);
/// a sample with no finite value gives an undefined result, not an exception.
/// </summary>
public static class NumericDrift
{
    /// <summary>Compares <paramref name="current"/> with <paramref name="reference"/>.</summary>
    /// <exception cref="ArgumentException">Invalid options, a non-numeric method, or non-finite values under <see cref="NonFinitePolicy.Reject"/>.</exception>
    public static ColumnDriftResult Compare(string column, ReadOnlySpan<double> reference, ReadOnlySpan<double> current, ColumnDriftOptions? options = null)
    {
        options ??= new ColumnDriftOptions();
        options.Validate(column);
        SortedSample r = SortedSample.From(reference, options.NonFinite, nameof(reference));
        SortedSample c = SortedSample.From(current, options.NonFinite, nameof(current));
        return Compare(column, r, c, options);
    }

    /// <summary>Numeric columns with at most this many distinct values (both samples together) are compared as categories by default, as Evidently does.</summary>
    public const int FewDistinctValues = 5;

    /// <summary>Compares <paramref name="current"/> with a reference sorted beforehand.</summary>
    /// <exception cref="ArgumentException">As the other overload; also when the reference kept non-finite values out but the options reject them.</exception>
    public static ColumnDriftResult Compare(string column, NumericReference reference, ReadOnlySpan<double> current, ColumnDriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        options ??= new ColumnDriftOptions();
        options.Validate(column);
        if (options.NonFinite == NonFinitePolicy.Reject && reference.Excluded > 0)
        {
            throw new ArgumentException($"Column '{column}': the reference had {reference.Excluded} NaN or infinite values and the options reject them.", nameof(reference));
        }

        return Compare(column, reference.Sample, SortedSample.From(current, options.NonFinite, nameof(current)), options);
    }

    internal static ColumnDriftResult Compare(string column, SortedSample r, SortedSample c, ColumnDriftOptions options)
    {
        if (options.Method is null && r.Count > 0 && c.Count > 0 && CategoryCounts.FromFewNumbers(r, c, FewDistinctValues) is { } few)
        {
            ColumnDriftResult categorical = CategoricalDrift.Compare(column, few, options);
            return categorical with
            {
                Kind = ColumnKind.Numeric,
                Detail = $"at most {FewDistinctValues} distinct values: compared as categories; " + categorical.Detail,
            };
        }

        DriftMethod method = options.Method ?? DriftMethodSelector.Choose(ColumnKind.Numeric, r.Count, options.SmallSampleLimit);
        if (method is not (DriftMethod.KolmogorovSmirnov or DriftMethod.Wasserstein or DriftMethod.PopulationStabilityIndex or DriftMethod.JensenShannon))
        {
            throw new ArgumentException($"Column '{column}': {method} does not apply to numeric columns (use KolmogorovSmirnov, Wasserstein, PopulationStabilityIndex or JensenShannon).", nameof(options));
        }

        double threshold = DriftThresholds.Resolve(method, options.Threshold, column);
        var result = new ColumnDriftResult
        {
            Column = column,
            Kind = ColumnKind.Numeric,
            Method = method,
            MethodIsDefault = options.Method is null,
            Threshold = threshold,
            ReferenceCount = r.Count,
            CurrentCount = c.Count,
            ReferenceExcluded = r.Excluded,
            CurrentExcluded = c.Excluded,
        };
        if (r.Count == 0 || c.Count == 0)
        {
            string which = r.Count == 0 ? "reference" : "current";
            return result with { UndefinedReason = $"The {which} sample has no finite values." };
        }

        switch (method)
        {
            case DriftMethod.KolmogorovSmirnov:
                {
                    KolmogorovSmirnovResult ks = KolmogorovSmirnov.TestSorted(r.Values, c.Values, options.KsPValueMode);
                    return result with
                    {
                        Statistic = ks.Statistic,
                        PValue = ks.PValue,
                        Drifted = ks.PValue < threshold,
                        Detail = ks.Exact ? "two-sided; exact p-value" : "two-sided; asymptotic p-value (Kolmogorov limit)",
                        Histogram = NumericBinning.EqualWidth(r, c, options.HistogramBins),
                        Parameters = Params(("histogramBins", options.HistogramBins), ("pValueMode", options.KsPValueMode)),
                    };
                }

            case DriftMethod.Wasserstein:
                {
                    double scale = Math.Max(Wasserstein.PopulationStandardDeviation(r.Values), Wasserstein.MinimumScale);
                    double distance = Wasserstein.DistanceSorted(r.Values, c.Values) / scale;
                    return result with
                    {
                        Statistic = distance,
                        Drifted = distance >= threshold,
                        Detail = "W1 / max(reference population std, 0.001)",
                        Histogram = NumericBinning.EqualWidth(r, c, options.HistogramBins),
                        Parameters = Params(("histogramBins", options.HistogramBins), ("referenceScale", scale)),
                    };
                }

            case DriftMethod.PopulationStabilityIndex:
                {
                    DriftHistogram bins = NumericBinning.ReferenceQuantiles(r, c, options.PsiBins);
                    double psi = PopulationStabilityIndex.FromCounts(
                        ToArray(bins.ReferenceCounts), ToArray(bins.CurrentCounts), options.PsiEpsilon);
                    return result with
                    {
                        Statistic = psi,
                        Drifted = psi >= threshold,
                        Detail = "bins at reference quantiles; empty bins take epsilon",
                        Histogram = bins,
                        Parameters = Params(("psiBins", options.PsiBins), ("epsilon", options.PsiEpsilon), ("binsUsed", bins.ReferenceCounts.Count)),
                    };
                }

            default:
                {
                    DriftHistogram bins = NumericBinning.EqualWidth(r, c, options.HistogramBins);
                    double js = JensenShannon.Distance(ToArray(bins.ReferenceCounts), ToArray(bins.CurrentCounts));
                    return result with
                    {
                        Statistic = js,
                        Drifted = js >= threshold,
                        Detail = "equal-width bins over the combined range; natural log",
                        Histogram = bins,
                        Parameters = Params(("histogramBins", options.HistogramBins), ("logBase", "e")),
                    };
                }
        }
    }

    internal static long[] ToArray(IReadOnlyList<long> list)
    {
        long[] a = new long[list.Count];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = list[i];
        }

        return a;
    }

    internal static Dictionary<string, string> Params(params (string Key, object Value)[] items)
    {
        var d = new Dictionary<string, string>(items.Length);
        foreach ((string key, object value) in items)
        {
            d[key] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return d;
    }
}
