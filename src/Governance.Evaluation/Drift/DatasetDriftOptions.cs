namespace Governance.Evaluation.Drift;

/// <summary>Options for a whole-table drift check.</summary>
public sealed record DatasetDriftOptions
{
    /// <summary>Options applied to every column without its own entry in <see cref="Columns"/>.</summary>
    public ColumnDriftOptions Defaults { get; init; } = new();

    /// <summary>Per-column overrides by column name (method, threshold, bins, ...).</summary>
    public IReadOnlyDictionary<string, ColumnDriftOptions> Columns { get; init; } = new Dictionary<string, ColumnDriftOptions>();

    /// <summary>The dataset drifts when drifted / evaluated columns &gt;= this share (default 0.5, Evidently's drift_share).</summary>
    public double DriftShare { get; init; } = 0.5;

    /// <summary>Columns computed at once; default all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
