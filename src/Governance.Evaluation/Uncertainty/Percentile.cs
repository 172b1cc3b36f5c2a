namespace Governance.Evaluation.Uncertainty;

/// <summary>Quantiles with linear interpolation between order statistics (numpy's default "linear" method).</summary>
public static class Percentile
{
    /// <summary>The q-quantile (q in [0, 1]) of values already sorted ascending.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty) throw new ArgumentException("No values.", nameof(sorted));
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "Quantile must be in [0, 1].");
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
