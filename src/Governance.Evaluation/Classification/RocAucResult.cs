using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Classification;

/// <summary>Binary ROC-AUC with its status; <see cref="Value"/> is null when <see cref="Status"/> is not Defined.</summary>
/// <param name="Status">Defined, or Undefined when only one class is present.</param>
/// <param name="Value">Area under the ROC curve in [0, 1], or null.</param>
/// <param name="Positives">Number of examples with label 1.</param>
/// <param name="Negatives">Number of examples with label 0.</param>
/// <param name="Method">How the value was computed.</param>
/// <param name="Reason">Why the value is missing, when it is.</param>
public sealed record RocAucResult(MetricStatus Status, double? Value, int Positives, int Negatives, string Method, string? Reason)
{
    /// <summary>Result schema version.</summary>
    public string SchemaVersion { get; init; } = Governance.Evaluation.Statistics.ResultSchema.Version;
}
