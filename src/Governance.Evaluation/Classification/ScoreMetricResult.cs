using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Classification;

/// <summary>A score-based metric (ROC-AUC macro, average precision, log loss, Brier) with its status and provenance.</summary>
/// <param name="Metric">Metric name, e.g. "average_precision".</param>
/// <param name="Status">Defined, or Undefined with a reason.</param>
/// <param name="Value">The value, or null when undefined.</param>
/// <param name="SampleCount">Examples used.</param>
/// <param name="PerClass">One-vs-rest values per class for multiclass input (null entries are undefined); null for binary.</param>
/// <param name="Method">Definition used.</param>
/// <param name="Reason">Why the value is missing, when it is.</param>
public sealed record ScoreMetricResult(string Metric, MetricStatus Status, double? Value, int SampleCount,
    IReadOnlyList<double?>? PerClass, string Method, string? Reason)
{
    /// <summary>Result schema version.</summary>
    public string SchemaVersion { get; init; } = Governance.Evaluation.Statistics.ResultSchema.Version;
}
