using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Classification;

/// <summary>
/// K x K confusion counts, rows = true class, columns = predicted class (scikit-learn's layout).
/// Every count-based metric is computed from this, which is what makes bootstrap resampling cheap.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts; // row-major (K, K)

    private ConfusionMatrix(long[] counts, int classCount)
    {
        _counts = counts;
        ClassCount = classCount;
    }

    /// <summary>Number of classes K; labels are 0..K-1.</summary>
    public int ClassCount { get; }

    /// <summary>Row-major counts, index true * K + predicted.</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>Number of examples counted.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            foreach (long c in _counts) total += c;
            return total;
        }
    }

    /// <summary>Count of examples with true class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => _counts[actual * ClassCount + predicted];

    /// <summary>Builds the matrix from true and predicted labels in [0, classCount).</summary>
    /// <exception cref="ArgumentException">Empty, mismatched lengths or labels out of range.</exception>
    public static ConfusionMatrix FromLabels(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount)
    {
        if (classCount < 2) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "At least two classes are required.");
        InputGuard.NotEmpty(actual, nameof(actual));
        InputGuard.SameLength(actual.Length, predicted.Length, nameof(predicted), nameof(actual));
        InputGuard.ClassLabels(actual, classCount, nameof(actual));
        InputGuard.ClassLabels(predicted, classCount, nameof(predicted));
        var counts = new long[classCount * classCount];
        for (int i = 0; i < actual.Length; i++) counts[actual[i] * classCount + predicted[i]]++;
        return new ConfusionMatrix(counts, classCount);
    }

    /// <summary>Wraps existing row-major counts (copied).</summary>
    public static ConfusionMatrix FromCounts(ReadOnlySpan<long> counts, int classCount)
    {
        if (classCount < 2) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "At least two classes are required.");
        if (counts.Length != classCount * classCount)
            throw new ArgumentException($"Expected {classCount * classCount} counts for {classCount} classes, got {counts.Length}.", nameof(counts));
        foreach (long c in counts)
            if (c < 0) throw new ArgumentException("Counts must be non-negative.", nameof(counts));
        return new ConfusionMatrix(counts.ToArray(), classCount);
    }

    /// <summary>Rows as jagged arrays, for serialisation.</summary>
    public long[][] ToRows()
    {
        var rows = new long[ClassCount][];
        for (int r = 0; r < ClassCount; r++) rows[r] = _counts.AsSpan(r * ClassCount, ClassCount).ToArray();
        return rows;
    }
}
