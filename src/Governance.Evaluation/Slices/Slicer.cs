using Governance.Evaluation.Classification;
using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Slices;

/// <summary>
/// Evaluates any metric per value of a metadata column. The metric is a function of the slice's row
/// indices, so it can be a classification report, a bootstrap interval, BLEU over the slice's segments, etc.
/// </summary>
public static class Slicer
{
    /// <summary>Name given to null column values.</summary>
    public const string Missing = "(missing)";

    /// <summary>Runs <paramref name="metric"/> on each slice with at least <paramref name="minimumSupport"/> rows.</summary>
    /// <param name="column">Column name, recorded in the report.</param>
    /// <param name="values">The column, one value per row (null = missing, its own slice).</param>
    /// <param name="minimumSupport">Slices smaller than this are reported as InsufficientSupport, not computed.</param>
    /// <param name="metric">Metric over the slice's row indices (ascending).</param>
    /// <param name="expectedValues">Values that must appear in the report even with no rows (reported with support 0).</param>
    /// <exception cref="ArgumentException">No rows or minimum support below 1.</exception>
    public static SliceReport<TResult> Evaluate<TResult>(string column, IReadOnlyList<string?> values, int minimumSupport,
        Func<int[], TResult> metric, IEnumerable<string>? expectedValues = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumSupport, 1);
        if (values.Count == 0) throw new ArgumentException("The column has no rows.", nameof(values));
        var rows = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < values.Count; i++)
        {
            string key = values[i] ?? Missing;
            if (!rows.TryGetValue(key, out var list)) rows[key] = list = [];
            list.Add(i);
        }
        foreach (string expected in expectedValues ?? [])
            rows.TryAdd(expected, []);

        var slices = rows
            .OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv =>
            {
                int support = kv.Value.Count;
                if (support < minimumSupport)
                    return new SliceResult<TResult>(kv.Key, support, MetricStatus.InsufficientSupport, default,
                        support == 0 ? "No rows have this value." : $"Support {support} is below the minimum {minimumSupport}.");
                return new SliceResult<TResult>(kv.Key, support, MetricStatus.Defined, metric([.. kv.Value]), null);
            })
            .ToList();
        return new SliceReport<TResult>(column, minimumSupport, values.Count, slices,
            $"rows grouped by exact (ordinal) value of '{column}'; slices below {minimumSupport} rows reported, not computed");
    }

    /// <summary>Classification report per slice.</summary>
    public static SliceReport<ClassificationReport> Classification(string column, IReadOnlyList<string?> values, int[] actual, int[] predicted,
        int classCount, int minimumSupport = 30, ZeroDivisionPolicy zeroDivision = ZeroDivisionPolicy.Zero)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        InputGuard.SameLength(values.Count, actual.Length, nameof(actual), nameof(values));
        InputGuard.SameLength(values.Count, predicted.Length, nameof(predicted), nameof(values));
        return Evaluate(column, values, minimumSupport, rows =>
            ClassificationMetrics.Evaluate(rows.Select(i => actual[i]).ToArray(), rows.Select(i => predicted[i]).ToArray(), classCount, zeroDivision));
    }
}
