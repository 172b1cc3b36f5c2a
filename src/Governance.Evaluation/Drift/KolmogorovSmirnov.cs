namespace Governance.Evaluation.Drift;

/// <summary>How the KS p-value is obtained.</summary>
public enum KsPValueMode
{
    /// <summary>Exact when both samples have at most <see cref="KolmogorovSmirnov.ExactMaxSampleSize"/> values (SciPy's 'auto' rule), asymptotic otherwise.</summary>
    Auto,
    /// <summary>Always exact (cost grows with n1 * n2; falls back to asymptotic only if the computation fails).</summary>
    Exact,
    /// <summary>Always Kolmogorov's limiting distribution.</summary>
    Asymptotic,
}

/// <summary>Outcome of a two-sided two-sample KS test.</summary>
/// <param name="Statistic">D = sup |F_ref(x) - F_cur(x)|.</param>
/// <param name="PValue">P(D' >= D) under the null of one common continuous distribution.</param>
/// <param name="Exact">True when the p-value is exact, false when asymptotic.</param>
public sealed record KolmogorovSmirnovResult(double Statistic, double PValue, bool Exact, int ReferenceCount, int CurrentCount);

/// <summary>
/// Two-sided two-sample Kolmogorov-Smirnov test, as SciPy's ks_2samp with method='auto': the exact
/// null distribution when max(n1, n2) &lt;= 10,000, otherwise the asymptotic one. The asymptotic
/// p-value here is Kolmogorov's limit Q(sqrt(n1 n2/(n1+n2)) D) (SciPy's kstwobign); SciPy 1.10 instead
/// evaluates the one-sample finite-n distribution kstwo.sf(D, round(n1 n2/(n1+n2))), which differs
/// in the third or fourth decimal for moderate effective sizes.
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>Largest sample size for which <see cref="KsPValueMode.Auto"/> computes the exact p-value.</summary>
    public const int ExactMaxSampleSize = 10_000;

    /// <summary>Runs the test on two samples of finite values (any order).</summary>
    /// <exception cref="ArgumentException">A sample is empty or holds NaN/Infinity.</exception>
    public static KolmogorovSmirnovResult Test(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, KsPValueMode mode = KsPValueMode.Auto)
    {
        SortedSample r = SortedSample.From(reference, NonFinitePolicy.Reject, nameof(reference));
        SortedSample c = SortedSample.From(current, NonFinitePolicy.Reject, nameof(current));
        if (r.Count == 0)
        {
            throw new ArgumentException("The reference sample is empty.", nameof(reference));
        }

        if (c.Count == 0)
        {
            throw new ArgumentException("The current sample is empty.", nameof(current));
        }

        return TestSorted(r.Values, c.Values, mode);
    }

    internal static KolmogorovSmirnovResult TestSorted(double[] a, double[] b, KsPValueMode mode)
    {
        int n1 = a.Length, n2 = b.Length;
        long numerator = MaxScaledGap(a, b); // D = numerator / (n1 n2)
        double d = numerator / ((double)n1 * n2);
        bool exact = mode == KsPValueMode.Exact || (mode == KsPValueMode.Auto && Math.Max(n1, n2) <= ExactMaxSampleSize);
        if (exact)
        {
            long g = KolmogorovDistribution.Gcd(n1, n2);
            long h = numerator / g; // D * lcm(n1, n2), an integer
            double p = KolmogorovDistribution.ExactSurvival(n1, n2, h);
            if (double.IsFinite(p))
            {
                return new KolmogorovSmirnovResult(d, p, true, n1, n2);
            }
        }

        double effective = (double)n1 * n2 / ((double)n1 + n2);
        double pAsymptotic = KolmogorovDistribution.LimitingSurvival(Math.Sqrt(effective) * d);
        return new KolmogorovSmirnovResult(d, pAsymptotic, false, n1, n2);
    }

    // max over x of |i(x) n2 - j(x) n1| where i, j count values <= x; exact in integers.
    private static long MaxScaledGap(double[] a, double[] b)
    {
        int n1 = a.Length, n2 = b.Length;
        int i = 0, j = 0;
        long best = 0;
        while (i < n1 && j < n2)
        {
            double x = a[i] <= b[j] ? a[i] : b[j];
            while (i < n1 && a[i] <= x)
            {
                i++;
            }

            while (j < n2 && b[j] <= x)
            {
                j++;
            }

            long gap = Math.Abs(((long)i * n2) - ((long)j * n1));
            if (gap > best)
            {
                best = gap;
            }
        }

        return best;
    }
}
