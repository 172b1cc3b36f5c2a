using System.Numerics.Tensors;

namespace Governance.Evaluation.Drift;

/// <summary>
/// First Wasserstein (earth mover's) distance between two empirical distributions,
/// W1 = integral |F_ref(x) - F_cur(x)| dx, as SciPy's wasserstein_distance (unweighted); computed in
/// the equivalent quantile form integral_0^1 |F_ref^-1(u) - F_cur^-1(u)| du.
/// </summary>
public static class Wasserstein
{
    /// <summary>Floor on the reference standard deviation used for normalisation (Evidently's 0.001).</summary>
    public const double MinimumScale = 0.001;

    /// <summary>W1 between two samples of finite values.</summary>
    /// <exception cref="ArgumentException">A sample is empty or holds NaN/Infinity.</exception>
    public static double Distance(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        SortedSample r = SortedSample.From(reference, NonFinitePolicy.Reject, nameof(reference));
        SortedSample c = SortedSample.From(current, NonFinitePolicy.Reject, nameof(current));
        if (r.Count == 0 || c.Count == 0)
        {
            throw new ArgumentException("Wasserstein distance needs two non-empty samples.", r.Count == 0 ? nameof(reference) : nameof(current));
        }

        return DistanceSorted(r.Values, c.Values);
    }

    /// <summary>W1 divided by max(population std of the reference, 0.001), as Evidently's wasserstein normed.</summary>
    public static double NormalizedDistance(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        double distance = Distance(reference, current);
        return distance / Math.Max(PopulationStandardDeviation(reference), MinimumScale);
    }

    // Quantile form W1 = integral_0^1 |F^-1(u) - G^-1(u)| du, equal to the ECDF form. On u in units
    // of 1 / (n1 n2), a's quantile steps at multiples of n2 and b's at multiples of n1, so the loop's
    // branches follow the sizes, not the data: predictable (every step for equal sizes), unlike a
    // value merge whose order is random.
    internal static double DistanceSorted(double[] a, double[] b)
    {
        int n1 = a.Length, n2 = b.Length;
        long nextA = n2, nextB = n1, u = 0;
        int i = 0, j = 0;
        double area = 0.0; // in units of 1 / (n1 n2)
        while (i < n1 && j < n2)
        {
            long next = Math.Min(nextA, nextB);
            area += Math.Abs(a[i] - b[j]) * (next - u);
            u = next;
            if (nextA == next)
            {
                i++;
                nextA += n2;
            }

            if (nextB == next)
            {
                j++;
                nextB += n1;
            }
        }

        return area / ((double)n1 * n2);
    }

    /// <summary>Population standard deviation (ddof = 0, as numpy.std), two-pass.</summary>
    internal static double PopulationStandardDeviation(ReadOnlySpan<double> values)
    {
        double mean = TensorPrimitives.Sum(values) / values.Length;
        double sumSquares = 0.0;
        for (int i = 0; i < values.Length; i++)
        {
            double d = values[i] - mean;
            sumSquares += d * d;
        }

        return Math.Sqrt(sumSquares / values.Length);
    }
}
