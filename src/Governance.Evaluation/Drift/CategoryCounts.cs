namespace Governance.Evaluation.Drift;

/// <summary>Counts of reference and current labels over the union of categories, ordinal-sorted.</summary>
internal sealed class CategoryCounts
{
    private CategoryCounts(string[] categories, long[] reference, long[] current, long refExcluded, long curExcluded)
    {
        Categories = categories;
        Reference = reference;
        Current = current;
        ReferenceExcluded = refExcluded;
        CurrentExcluded = curExcluded;
        ReferenceTotal = Sum(reference);
        CurrentTotal = Sum(current);
    }

    public string[] Categories { get; }
    public long[] Reference { get; }
    public long[] Current { get; }
    public long ReferenceExcluded { get; }
    public long CurrentExcluded { get; }
    public long ReferenceTotal { get; }
    public long CurrentTotal { get; }

    public static CategoryCounts From(IReadOnlyList<string?> reference, IReadOnlyList<string?> current, NonFinitePolicy policy)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var refCounts = new List<long>();
        var curCounts = new List<long>();
        long refNull = Tally(reference, index, refCounts, curCounts, isReference: true);
        long curNull = Tally(current, index, refCounts, curCounts, isReference: false);
        if (policy == NonFinitePolicy.Reject && (refNull > 0 || curNull > 0))
        {
            throw new ArgumentException(
                $"{refNull} reference and {curNull} current labels are null; use NonFinitePolicy.Exclude to leave them out.",
                refNull > 0 ? nameof(reference) : nameof(current));
        }

        string[] categories = new string[index.Count];
        foreach (KeyValuePair<string, int> kv in index)
        {
            categories[kv.Value] = kv.Key;
        }

        int[] order = new int[categories.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        string[] sorted = (string[])categories.Clone();
        Array.Sort(sorted, order, StringComparer.Ordinal);
        long[] r = new long[order.Length], c = new long[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            r[i] = refCounts[order[i]];
            c[i] = curCounts[order[i]];
        }

        return new CategoryCounts(sorted, r, c, refNull, curNull);
    }

    /// <summary>
    /// The distinct values of two sorted numeric samples as categories (ascending, formatted "R",
    /// invariant culture), or null when there are more than <paramref name="maxCategories"/>.
    /// </summary>
    public static CategoryCounts? FromFewNumbers(SortedSample reference, SortedSample current, int maxCategories)
    {
        var values = new List<double>(maxCategories + 1);
        var r = new List<long>(maxCategories + 1);
        var c = new List<long>(maxCategories + 1);
        double[] a = reference.Values, b = current.Values;
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            double x = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i] : b[j];
            if (values.Count == maxCategories)
            {
                return null;
            }

            int i0 = i, j0 = j;
            while (i < a.Length && a[i] == x)
            {
                i++;
            }

            while (j < b.Length && b[j] == x)
            {
                j++;
            }

            values.Add(x);
            r.Add(i - i0);
            c.Add(j - j0);
        }

        string[] names = values.ConvertAll(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new CategoryCounts(names, [.. r], [.. c], reference.Excluded, current.Excluded);
    }

    public DriftHistogram ToHistogram() => new(null, Categories, Reference, Current);

    private static long Tally(IReadOnlyList<string?> labels, Dictionary<string, int> index, List<long> refCounts, List<long> curCounts, bool isReference)
    {
        long nulls = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            string? label = labels[i];
            if (label is null)
            {
                nulls++;
                continue;
            }

            if (!index.TryGetValue(label, out int k))
            {
                k = index.Count;
                index.Add(label, k);
                refCounts.Add(0);
                curCounts.Add(0);
            }

            if (isReference)
            {
                refCounts[k]++;
            }
            else
            {
                curCounts[k]++;
            }
        }

        return nulls;
    }

    private static long Sum(long[] a)
    {
        long s = 0;
        foreach (long x in a)
        {
            s += x;
        }

        return s;
    }
}
