using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Drift;

/// <summary>Pearson chi-square statistic and p-value.</summary>
/// <param name="Statistic">sum_k (O_k - E_k)^2 / E_k; +Infinity when some E_k = 0 &lt; O_k.</param>
/// <param name="PValue">chi2(df).sf(statistic); 0 when the statistic is infinite.</param>
/// <param name="DegreesOfFreedom">categories - 1.</param>
public sealed record ChiSquareResult(double Statistic, double PValue, int DegreesOfFreedom);

/// <summary>
/// Pearson's goodness-of-fit test as scipy.stats.chisquare(f_obs, f_exp) with ddof = 0. For drift
/// the observed counts are the current sample's and the expected ones are the reference proportions
/// times the current size (Evidently's chi-square stattest), over the union of categories.
/// </summary>
public static class ChiSquareGoodnessOfFit
{
    /// <summary>Tests observed counts against expected counts (same total).</summary>
    /// <exception cref="ArgumentException">Lengths differ, fewer than 2 categories, negative/non-finite values, or totals that differ by more than 1e-8 relative.</exception>
    public static ChiSquareResult Test(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected)
    {
        if (observed.Length != expected.Length)
        {
            throw new ArgumentException($"Observed and expected differ in length ({observed.Length} vs {expected.Length}).", nameof(expected));
        }

        if (observed.Length < 2)
        {
            throw new ArgumentException("A chi-square test needs at least 2 categories.", nameof(observed));
        }

        double totalO = 0, totalE = 0;
        for (int k = 0; k < observed.Length; k++)
        {
            if (!(observed[k] >= 0) || !double.IsFinite(observed[k]) || !(expected[k] >= 0) || !double.IsFinite(expected[k]))
            {
                throw new ArgumentException("Counts must be finite and non-negative.", nameof(observed));
            }

            totalO += observed[k];
            totalE += expected[k];
        }

        if (Math.Abs(totalO - totalE) > 1e-8 * Math.Max(totalO, totalE))
        {
            throw new ArgumentException($"Observed total {totalO} and expected total {totalE} differ; scale the expected counts to the observed total.", nameof(expected));
        }

        double statistic = 0;
        for (int k = 0; k < observed.Length; k++)
        {
            double diff = observed[k] - expected[k];
            if (expected[k] == 0)
            {
                if (observed[k] > 0)
                {
                    statistic = double.PositiveInfinity;
                }

                continue;
            }

            statistic += diff * diff / expected[k];
        }

        int df = observed.Length - 1;
        double p = double.IsPositiveInfinity(statistic) ? 0.0 : SpecialFunctions.ChiSquareSurvival(statistic, df);
        return new ChiSquareResult(statistic, p, df);
    }

    /// <summary>
    /// Chi-square test of homogeneity of two count vectors (a 2 x k contingency table, no continuity
    /// correction), as scipy.stats.chi2_contingency(table, correction=False); categories with zero
    /// counts in both rows are dropped. df = k - 1.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, counts negative, a row sums to 0, or fewer than 2 non-empty categories.</exception>
    public static ChiSquareResult Homogeneity(ReadOnlySpan<long> first, ReadOnlySpan<long> second)
    {
        if (first.Length != second.Length)
        {
            throw new ArgumentException($"Count vectors differ in length ({first.Length} vs {second.Length}).", nameof(second));
        }

        double total1 = 0, total2 = 0;
        int categories = 0;
        for (int k = 0; k < first.Length; k++)
        {
            if (first[k] < 0 || second[k] < 0)
            {
                throw new ArgumentException("Counts must be non-negative.", nameof(first));
            }

            total1 += first[k];
            total2 += second[k];
            categories += first[k] + second[k] > 0 ? 1 : 0;
        }

        if (total1 == 0 || total2 == 0 || categories < 2)
        {
            throw new ArgumentException("A homogeneity test needs two non-empty samples over at least 2 categories.", nameof(first));
        }

        double n = total1 + total2, statistic = 0;
        for (int k = 0; k < first.Length; k++)
        {
            double column = first[k] + second[k];
            if (column == 0)
            {
                continue;
            }

            double e1 = total1 * column / n, e2 = total2 * column / n;
            statistic += ((first[k] - e1) * (first[k] - e1) / e1) + ((second[k] - e2) * (second[k] - e2) / e2);
        }

        int df = categories - 1;
        return new ChiSquareResult(statistic, SpecialFunctions.ChiSquareSurvival(statistic, df), df);
    }
}
