namespace Governance.Evaluation.Drift;

/// <summary>Bin edges and counts over sorted samples (binary search per edge, so O(bins log n)).</summary>
internal static class NumericBinning
{
    /// <summary>
    /// numpy.histogram_bin_edges(concat(ref, cur), bins) style: equal width over the combined range;
    /// bins are [e_k, e_k+1) and the last is closed. A constant sample gives one bin.
    /// </summary>
    public static DriftHistogram EqualWidth(SortedSample reference, SortedSample current, int bins)
    {
        double lo = Math.Min(reference.Values[0], current.Values[0]);
        double hi = Math.Max(reference.Values[^1], current.Values[^1]);
        if (hi == lo)
        {
            return new DriftHistogram([lo, hi], null, [reference.Count], [current.Count]);
        }

        double[] edges = new double[bins + 1];
        double width = (hi - lo) / bins;
        for (int k = 0; k < bins; k++)
        {
            edges[k] = lo + (k * width);
        }

        edges[bins] = hi;
        return new DriftHistogram(edges, null, CountClosedLast(reference, edges), CountClosedLast(current, edges));
    }

    /// <summary>
    /// Bins cut at the reference's k/bins quantiles (k = 1..bins-1, numpy 'linear'), duplicates merged;
    /// the first bin is (-inf, q1), the last [q_last, +inf), the others [q_k, q_k+1).
    /// </summary>
    public static DriftHistogram ReferenceQuantiles(SortedSample reference, SortedSample current, int bins)
    {
        var inner = new List<double>(bins - 1);
        for (int k = 1; k < bins; k++)
        {
            double q = reference.Quantile((double)k / bins);
            if (inner.Count == 0 || q > inner[^1])
            {
                inner.Add(q);
            }
        }

        double lo = Math.Min(reference.Values[0], current.Values[0]);
        double hi = Math.Max(reference.Values[^1], current.Values[^1]);
        double[] edges = new double[inner.Count + 2];
        edges[0] = lo;
        inner.CopyTo(edges, 1);
        edges[^1] = hi;
        return new DriftHistogram(edges, null, CountOpen(reference, inner), CountOpen(current, inner), OpenEnded: true);
    }

    private static long[] CountClosedLast(SortedSample sample, double[] edges)
    {
        int bins = edges.Length - 1;
        long[] counts = new long[bins];
        int previous = sample.CountBelow(edges[0]);
        for (int k = 0; k < bins; k++)
        {
            int below = k == bins - 1 ? sample.Count : sample.CountBelow(edges[k + 1]);
            counts[k] = below - previous;
            previous = below;
        }

        return counts;
    }

    private static long[] CountOpen(SortedSample sample, List<double> inner)
    {
        long[] counts = new long[inner.Count + 1];
        int previous = 0;
        for (int k = 0; k < inner.Count; k++)
        {
            int below = sample.CountBelow(inner[k]);
            counts[k] = below - previous;
            previous = below;
        }

        counts[^1] = sample.Count - previous;
        return counts;
    }
}
