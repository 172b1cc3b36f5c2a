using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Classification;

/// <summary>Checks and helpers for row-major (n, K) probability matrices.</summary>
public static class ProbabilityInput
{
    /// <summary>Tolerance on each row summing to 1.</summary>
    public const double RowSumTolerance = 1e-6;

    /// <summary>Flattens per-example probability rows (as a predictor returns them) into a row-major matrix.</summary>
    /// <exception cref="ArgumentException">Rows of different lengths or no rows.</exception>
    public static double[] Flatten(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("No rows.", nameof(rows));
        int k = rows[0].Length;
        var flat = new double[rows.Count * k];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != k) throw new ArgumentException($"Row {i} has {rows[i].Length} values; row 0 has {k}.", nameof(rows));
            rows[i].CopyTo(flat, i * k);
        }
        return flat;
    }

    internal static void CheckMatrix(ReadOnlySpan<int> labels, ReadOnlySpan<double> values, int classCount, bool requireProbabilities)
    {
        if (classCount < 2) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "At least two classes are required.");
        InputGuard.NotEmpty(labels, nameof(labels));
        InputGuard.SameLength(labels.Length * classCount, values.Length, "scores", "labels x classCount");
        InputGuard.ClassLabels(labels, classCount, nameof(labels));
        if (!requireProbabilities)
        {
            InputGuard.Finite(values, "scores");
            return;
        }
        InputGuard.Probabilities(values, "probabilities");
        for (int i = 0; i < labels.Length; i++)
        {
            double sum = 0;
            for (int c = 0; c < classCount; c++) sum += values[i * classCount + c];
            if (Math.Abs(sum - 1) > RowSumTolerance)
                throw new ArgumentException($"Probabilities in row {i} sum to {sum}, not 1 (tolerance {RowSumTolerance}).", "probabilities");
        }
    }

    internal static ScoreMetricResult Macro(string metric, double?[] perClass, int n, string method)
    {
        var missing = new List<int>();
        double sum = 0;
        for (int c = 0; c < perClass.Length; c++)
        {
            if (perClass[c] is double v) sum += v;
            else missing.Add(c);
        }
        if (missing.Count > 0)
            return new ScoreMetricResult(metric, MetricStatus.Undefined, null, n, perClass, method,
                $"Undefined for classes {string.Join(", ", missing)}: no positive (or no negative) examples in one-vs-rest.");
        return new ScoreMetricResult(metric, MetricStatus.Defined, sum / perClass.Length, n, perClass, method, null);
    }
}
