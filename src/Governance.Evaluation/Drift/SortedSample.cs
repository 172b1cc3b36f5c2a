namespace Governance.Evaluation.Drift;

/// <summary>
/// The finite values of one numeric sample, sorted ascending, with how many NaN/Infinity values were
/// left out. Sorting once lets KS, Wasserstein, quantile bins and histograms all run in linear time.
/// </summary>
internal sealed class SortedSample
{
    private SortedSample(double[] values, long excluded)
    {
        Values = values;
        Excluded = excluded;
    }

    /// <summary>Finite values, ascending.</summary>
    public double[] Values { get; }

    /// <summary>NaN and +/-Infinity values left out.</summary>
    public long Excluded { get; }

    public int Count => Values.Length;

    public static SortedSample From(ReadOnlySpan<double> values, NonFinitePolicy policy, string parameterName)
    {
        double[] sorted = RadixSort.SortFinite(values, out long excluded);
        if (excluded > 0 && policy == NonFinitePolicy.Reject)
        {
            throw new ArgumentException(
                $"{excluded} of {values.Length} values are NaN or infinite; drift statistics need finite values (or NonFinitePolicy.Exclude).",
                parameterName);
        }

        return new SortedSample(sorted, excluded);
    }

    /// <summary>Number of values strictly below <paramref name="x"/>.</summary>
    public int CountBelow(double x)
    {
        int lo = 0, hi = Values.Length;
        while (lo < hi)
        {
            int mid = (int)(((uint)lo + (uint)hi) >> 1);
            if (Values[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Quantile with linear interpolation between order statistics (numpy's default 'linear').</summary>
    public double Quantile(double q)
    {
        double position = q * (Values.Length - 1);
        int lower = (int)Math.Floor(position);
        if (lower >= Values.Length - 1)
        {
            return Values[^1];
        }

        double fraction = position - lower;
        return Values[lower] + ((Values[lower + 1] - Values[lower]) * fraction);
    }
}
