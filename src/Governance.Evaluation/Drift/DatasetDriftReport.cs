namespace Governance.Evaluation.Drift;

/// <summary>
/// Drift of a whole table: one <see cref="ColumnDriftResult"/> per column, in the order given, and a
/// verdict from the share of drifted columns among those with a defined result.
/// </summary>
public sealed record DatasetDriftReport
{
    /// <summary>Version of the stored JSON shape (shared by all evaluation results).</summary>
    public string SchemaVersion { get; init; } = Statistics.ResultSchema.Version;
    /// <summary>Per-column results.</summary>
    public required IReadOnlyList<ColumnDriftResult> Columns { get; init; }
    /// <summary>Columns with a defined result.</summary>
    public required int EvaluatedColumns { get; init; }
    /// <summary>Columns whose result says drift.</summary>
    public required int DriftedColumns { get; init; }
    /// <summary>Columns left undefined (e.g. empty); not counted in the share.</summary>
    public required IReadOnlyList<string> UndefinedColumns { get; init; }
    /// <summary>DriftedColumns / EvaluatedColumns (0 when none was evaluated).</summary>
    public required double ShareDrifted { get; init; }
    /// <summary>Configured share at or above which the dataset drifts.</summary>
    public required double ShareThreshold { get; init; }
    /// <summary>True when ShareDrifted &gt;= ShareThreshold and at least one column was evaluated.</summary>
    public required bool DatasetDrifted { get; init; }
}
