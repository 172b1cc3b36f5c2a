using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Fairness;

/// <summary>Outcome rates of one (possibly intersectional) group, one-vs-rest for the evaluated class.</summary>
/// <param name="Group">Key such as "gender=female" or "gender=female|age=60+".</param>
/// <param name="Count">Members.</param>
/// <param name="Status">Defined, or InsufficientSupport below the minimum group size (rates still shown when members exist).</param>
/// <param name="ActualPositives">Members whose true label is the class.</param>
/// <param name="PredictedPositives">Members predicted as the class.</param>
/// <param name="SelectionRate">PredictedPositives / Count.</param>
/// <param name="TruePositiveRate">TP / ActualPositives; null when there are none.</param>
/// <param name="FalsePositiveRate">FP / actual negatives; null when there are none.</param>
/// <param name="Precision">TP / PredictedPositives; null when nothing was predicted positive.</param>
/// <param name="Accuracy">Share correct (one-vs-rest).</param>
/// <param name="F1">2TP / (2TP + FP + FN); null when the class is absent in truth and prediction.</param>
/// <param name="Notes">Why rates are missing or the group is not compared.</param>
public sealed record GroupMetrics(string Group, int Count, MetricStatus Status, int ActualPositives, int PredictedPositives,
    double? SelectionRate, double? TruePositiveRate, double? FalsePositiveRate, double? Precision, double? Accuracy, double? F1,
    IReadOnlyList<string> Notes);

/// <summary>Worst-case gap of one rate across eligible groups.</summary>
/// <param name="Metric">e.g. "demographic_parity" (selection rate).</param>
/// <param name="Status">Undefined when fewer than two eligible groups have the rate.</param>
/// <param name="Difference">max - min over groups.</param>
/// <param name="Ratio">min / max over groups; null when max is 0.</param>
/// <param name="HighestGroup">Group with the highest rate.</param>
/// <param name="LowestGroup">Group with the lowest rate.</param>
/// <param name="GroupsCompared">Groups that entered the comparison.</param>
/// <param name="Method">Definition.</param>
/// <param name="Reason">Why undefined, when it is.</param>
public sealed record Disparity(string Metric, MetricStatus Status, double? Difference, double? Ratio, string? HighestGroup, string? LowestGroup,
    int GroupsCompared, string Method, string? Reason);

/// <summary>One group's selection rate relative to the reference group.</summary>
public sealed record GroupImpact(string Group, double? Ratio, bool? WithinBand, string? Reason);

/// <summary>Disparate impact against a reference group and an acceptance band.</summary>
/// <param name="ReferenceGroup">Denominator group.</param>
/// <param name="Lower">Band lower edge.</param>
/// <param name="Upper">Band upper edge.</param>
/// <param name="Groups">Ratio per eligible group (reference included, ratio 1).</param>
/// <param name="WithinBand">True when every defined ratio lies in [Lower, Upper]; null when none is defined.</param>
/// <param name="Method">Definition.</param>
public sealed record DisparateImpactResult(string? ReferenceGroup, double Lower, double Upper, IReadOnlyList<GroupImpact> Groups, bool? WithinBand, string Method);

/// <summary>Group fairness for one class (binary: the positive class; multiclass: one report per class, one-vs-rest).</summary>
public sealed record FairnessReport(
    IReadOnlyList<string> Attributes,
    int Class,
    int SampleCount,
    FairnessOptions Options,
    IReadOnlyList<GroupMetrics> Groups,
    IReadOnlyList<string> GroupsBelowMinimumSize,
    Disparity DemographicParity,
    Disparity EqualOpportunity,
    Disparity EqualizedOdds,
    Disparity PredictiveParity,
    DisparateImpactResult DisparateImpact,
    string Method)
{
    /// <summary>Result schema version.</summary>
    public string SchemaVersion { get; init; } = ResultSchema.Version;
}
