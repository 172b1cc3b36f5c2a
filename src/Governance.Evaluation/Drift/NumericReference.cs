namespace Governance.Evaluation.Drift;

/// <summary>
/// A numeric reference sample sorted once, for repeated drift checks against the same reference
/// (a daily check then sorts only the current sample, about half the work).
/// </summary>
public sealed class NumericReference
{
    private NumericReference(SortedSample sample) => Sample = sample;

    /// <summary>Finite values kept.</summary>
    public int Count => Sample.Count;

    /// <summary>NaN/Infinity values left out.</summary>
    public long Excluded => Sample.Excluded;

    internal SortedSample Sample { get; }

    /// <summary>Sorts the finite values of <paramref name="values"/> (NaN/Infinity excluded and counted, or rejected).</summary>
    /// <exception cref="ArgumentException">Non-finite values under <see cref="NonFinitePolicy.Reject"/>.</exception>
    public static NumericReference Create(ReadOnlySpan<double> values, NonFinitePolicy policy = NonFinitePolicy.Exclude) =>
        new(SortedSample.From(values, policy, nameof(values)));
}
