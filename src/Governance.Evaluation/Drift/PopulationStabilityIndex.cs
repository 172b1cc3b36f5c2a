namespace Governance.Evaluation.Drift;

/// <summary>
/// Population stability index over matching bins: PSI = sum_k (r_k - c_k) ln(r_k / c_k) with r, c the
/// reference and current proportions per bin, an empty bin's proportion replaced by epsilon (not
/// renormalised), as Evidently does. Common reading: &lt; 0.1 stable, 0.1-0.25 moderate, &gt; 0.25 major shift.
/// </summary>
public static class PopulationStabilityIndex
{
    /// <summary>PSI from per-bin counts of equal length.</summary>
    /// <exception cref="ArgumentException">Lengths differ, a count is negative, a sample is empty, or epsilon is outside (0, 1).</exception>
    public static double FromCounts(ReadOnlySpan<long> reference, ReadOnlySpan<long> current, double epsilon = 1e-4)
    {
        if (reference.Length != current.Length)
        {
            throw new ArgumentException($"Bin counts differ in length ({reference.Length} vs {current.Length}).", nameof(current));
        }

        if (!(epsilon > 0 && epsilon < 1))
        {
            throw new ArgumentException("Epsilon must be in (0, 1).", nameof(epsilon));
        }

        double totalR = Total(reference, nameof(reference)), totalC = Total(current, nameof(current));
        double psi = 0.0;
        for (int k = 0; k < reference.Length; k++)
        {
            double r = reference[k] == 0 ? epsilon : reference[k] / totalR;
            double c = current[k] == 0 ? epsilon : current[k] / totalC;
            psi += (r - c) * Math.Log(r / c);
        }

        return psi;
    }

    private static double Total(ReadOnlySpan<long> counts, string name)
    {
        long total = 0;
        foreach (long c in counts)
        {
            if (c < 0)
            {
                throw new ArgumentException("Counts must be non-negative.", name);
            }

            total += c;
        }

        if (total == 0)
        {
            throw new ArgumentException("All counts are zero.", name);
        }

        return total;
    }
}
