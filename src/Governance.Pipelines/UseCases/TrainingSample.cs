namespace Governance.Pipelines.UseCases;

/// <summary>
/// A capped training set that keeps every class in its share. Rows are ordered by a stable hash of
/// their id (not the id itself: a corpus listed ham first would give a one-class sample), so the same
/// data always gives the same sample.
/// </summary>
public static class TrainingSample
{
    public static List<LabelledRow> Take(IReadOnlyList<LabelledRow> rows, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        if (rows.Count <= max)
        {
            return [.. rows];
        }
        var byClass = rows.GroupBy(r => r.Label).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        // Proportional shares rounded down, at least one row per class (the trainer refuses a one-class
        // set), then the rows still free go to the largest classes.
        var shares = byClass.Select(g => Math.Max(1, (int)((long)max * g.Count / rows.Count))).ToArray();
        foreach (var i in Enumerable.Range(0, byClass.Count).OrderByDescending(i => byClass[i].Count))
        {
            var free = max - shares.Sum();
            if (free <= 0)
            {
                break;
            }
            shares[i] = Math.Min(byClass[i].Count, shares[i] + free);
        }
        return byClass.SelectMany((g, i) => g.OrderBy(r => LabelledRow.StableHash(r.Id)).ThenBy(r => r.Id, StringComparer.Ordinal).Take(shares[i]))
            .OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }
}
