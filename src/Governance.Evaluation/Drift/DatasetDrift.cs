namespace Governance.Evaluation.Drift;

/// <summary>
/// Drift of every column of a table. Columns are matched by name; each uses its override from
/// <see cref="DatasetDriftOptions.Columns"/> or the size-based default; columns run in parallel.
/// </summary>
public static class DatasetDrift
{
    /// <summary>Compares each reference column with the current column of the same name.</summary>
    /// <exception cref="ArgumentException">Duplicate or missing column names, a kind mismatch, or an invalid option.</exception>
    public static DatasetDriftReport Compare(IReadOnlyList<DriftColumn> reference, IReadOnlyList<DriftColumn> current, DatasetDriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new DatasetDriftOptions();
        if (!(options.DriftShare > 0 && options.DriftShare <= 1))
        {
            throw new ArgumentException($"DriftShare must be in (0, 1], was {options.DriftShare}.", nameof(options));
        }

        var currentByName = new Dictionary<string, DriftColumn>(StringComparer.Ordinal);
        foreach (DriftColumn c in current)
        {
            if (!currentByName.TryAdd(c.Name, c))
            {
                throw new ArgumentException($"Column '{c.Name}' appears twice in the current table.", nameof(current));
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pairs = new (DriftColumn Reference, DriftColumn Current)[reference.Count];
        for (int i = 0; i < reference.Count; i++)
        {
            DriftColumn r = reference[i];
            if (!seen.Add(r.Name))
            {
                throw new ArgumentException($"Column '{r.Name}' appears twice in the reference table.", nameof(reference));
            }

            if (!currentByName.TryGetValue(r.Name, out DriftColumn? c))
            {
                throw new ArgumentException($"Column '{r.Name}' is in the reference table but not in the current one.", nameof(current));
            }

            if (c.Kind != r.Kind)
            {
                throw new ArgumentException($"Column '{r.Name}' is {r.Kind} in the reference table but {c.Kind} in the current one.", nameof(current));
            }

            pairs[i] = (r, c);
        }

        foreach (string name in currentByName.Keys)
        {
            if (!seen.Contains(name))
            {
                throw new ArgumentException($"Column '{name}' is in the current table but not in the reference one.", nameof(current));
            }
        }

        foreach (string name in options.Columns.Keys)
        {
            if (!seen.Contains(name))
            {
                throw new ArgumentException($"Options name column '{name}', which is not in the tables (a typo would silently use the defaults).", nameof(options));
            }
        }

        var results = new ColumnDriftResult[pairs.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism) };
        Parallel.For(0, pairs.Length, parallel, i => results[i] = CompareColumn(pairs[i].Reference, pairs[i].Current, options));
        return Summarise(results, options.DriftShare);
    }

    /// <summary>Builds the dataset verdict from column results computed elsewhere (e.g. text or prediction drift).</summary>
    public static DatasetDriftReport Summarise(IReadOnlyList<ColumnDriftResult> results, double driftShare = 0.5)
    {
        ArgumentNullException.ThrowIfNull(results);
        int evaluated = 0, drifted = 0;
        var undefined = new List<string>();
        foreach (ColumnDriftResult r in results)
        {
            if (r.Drifted is bool d)
            {
                evaluated++;
                drifted += d ? 1 : 0;
            }
            else
            {
                undefined.Add(r.Column);
            }
        }

        double share = evaluated == 0 ? 0.0 : drifted / (double)evaluated;
        return new DatasetDriftReport
        {
            Columns = results,
            EvaluatedColumns = evaluated,
            DriftedColumns = drifted,
            UndefinedColumns = undefined,
            ShareDrifted = share,
            ShareThreshold = driftShare,
            DatasetDrifted = evaluated > 0 && share >= driftShare,
        };
    }

    private static ColumnDriftResult CompareColumn(DriftColumn reference, DriftColumn current, DatasetDriftOptions options)
    {
        ColumnDriftOptions columnOptions = options.Columns.TryGetValue(reference.Name, out ColumnDriftOptions? o) ? o : options.Defaults;
        return (reference, current) switch
        {
            (NumericColumn r, NumericColumn c) => NumericDrift.Compare(r.Name, r.Values, c.Values, columnOptions),
            (CategoricalColumn r, CategoricalColumn c) => CategoricalDrift.Compare(r.Name, r.Values, c.Values, columnOptions),
            _ => throw new ArgumentException($"Column '{reference.Name}': unsupported column type {reference.GetType().Name}.", nameof(reference)),
        };
    }
}
