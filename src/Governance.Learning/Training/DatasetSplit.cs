using Governance.Learning.Autograd;

namespace Governance.Learning.Training;

/// <summary>Helpers to carve a validation split and derive class weights from labelled examples.</summary>
public static class DatasetSplit
{
    /// <summary>
    /// Splits off about <paramref name="validationFraction"/> of each class (at least one per class that has two
    /// or more examples) for validation; deterministic for a seed. Order within each part follows the input.
    /// </summary>
    public static (IReadOnlyList<TokenizedExample> Train, IReadOnlyList<TokenizedExample> Validation) Stratified(
        IReadOnlyList<TokenizedExample> examples, float validationFraction, ulong seed = 42)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (validationFraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "Validation fraction must be in (0, 1).");
        var random = new RandomSource(seed);
        var inValidation = new bool[examples.Count];
        foreach (var group in Enumerable.Range(0, examples.Count).GroupBy(i => examples[i].Label).OrderBy(g => g.Key))
        {
            var indices = group.ToArray();
            if (indices.Length < 2) continue;
            random.Shuffle(indices);
            var take = Math.Clamp((int)Math.Round(indices.Length * validationFraction), 1, indices.Length - 1);
            foreach (var i in indices.Take(take)) inValidation[i] = true;
        }
        var train = new List<TokenizedExample>();
        var validation = new List<TokenizedExample>();
        for (var i = 0; i < examples.Count; i++) (inValidation[i] ? validation : train).Add(examples[i]);
        return (train, validation);
    }

    /// <summary>Balanced class weights n / (classes * count_c) as scikit-learn's "balanced"; absent classes get 0.</summary>
    public static float[] BalancedClassWeights(IReadOnlyList<TokenizedExample> examples, int numLabels)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(numLabels, 1);
        var counts = new int[numLabels];
        foreach (var e in examples)
        {
            if ((uint)e.Label >= (uint)numLabels) throw new ArgumentException($"Label {e.Label} is outside [0, {numLabels}).", nameof(examples));
            counts[e.Label]++;
        }
        return counts.Select(c => c == 0 ? 0f : (float)examples.Count / (numLabels * c)).ToArray();
    }
}
