namespace Governance.Evaluation.Drift;

/// <summary>
/// Drift of a text column: token distribution (Jensen-Shannon), out-of-vocabulary rate, document
/// length (tokens per document) and the domain-classifier test. <see cref="Drifted"/> is the domain
/// classifier's verdict (the most sensitive and the one with a calibrated default); the other results
/// explain it.
/// </summary>
public sealed record TextDriftReport
{
    /// <summary>Version of the stored JSON shape (shared by all evaluation results).</summary>
    public string SchemaVersion { get; init; } = Statistics.ResultSchema.Version;
    /// <summary>The text column compared.</summary>
    public required string Column { get; init; }
    /// <summary>Token Jensen-Shannon distance over the whole vocabulary; histogram of the most frequent tokens.</summary>
    public required ColumnDriftResult TokenDistribution { get; init; }
    /// <summary>Share of current token occurrences whose token never occurs in the reference.</summary>
    public required ColumnDriftResult OutOfVocabulary { get; init; }
    /// <summary>Numeric drift of tokens per document.</summary>
    public required ColumnDriftResult Length { get; init; }
    /// <summary>Cross-validated ROC-AUC of reference vs current.</summary>
    public required ColumnDriftResult DomainClassifier { get; init; }
    /// <summary>The domain classifier's verdict; null when it is undefined.</summary>
    public bool? Drifted => DomainClassifier.Drifted;
}
