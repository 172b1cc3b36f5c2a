using Governance.Domain.Registry;
using Governance.Evaluation.Classification;
using Governance.Evaluation.Drift;
using Governance.Evaluation.Fairness;
using Governance.Evaluation.Slices;
using Governance.Evaluation.Uncertainty;

namespace Governance.Web.Components.Pages.Evidence;

/// <summary>A version's lineage as the evidence pages show it: parent, data, configuration, seed, code, artifact.</summary>
public sealed record VersionLineage(int Number, ModelStage Stage, int? ParentNumber, DatasetVersion? Dataset, string TrainingConfig,
    long? Seed, string CodeVersion, string? ArtifactHash, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>
/// One stored evaluation record, read back from its JSON. The production fields are present when the
/// candidate was evaluated against a production version on the same rows (records written before they
/// were added have them null).
/// </summary>
public sealed record StoredEvaluation(Guid Id, string ResultHash, DateTimeOffset CreatedAt, int? ProductionNumber, string Dataset, string DatasetHash,
    int HeldOutRows, ClassificationReport Report, IReadOnlyList<BootstrapInterval> Intervals, PairedBootstrapResult? Paired, McNemarResult? McNemar,
    IReadOnlyList<SliceReport<ClassificationReport>> Slices, ClassificationReport? ProductionReport, IReadOnlyList<BootstrapInterval>? ProductionIntervals,
    IReadOnlyList<SliceReport<ClassificationReport>>? ProductionSlices, CalibrationResult? Calibration, CalibrationResult? ProductionCalibration);

/// <summary>One stored bias report, read back from its JSON.</summary>
public sealed record StoredBias(Guid Id, string ResultHash, DateTimeOffset CreatedAt, string Dataset, int FavourableClass,
    IReadOnlyList<FairnessReport> Fairness, CounterfactualReport? Counterfactual);

/// <summary>One gate as it was evaluated: rule, value, the policy's threshold and the evaluator's explanation.</summary>
public sealed record GateRow(string Rule, double? Value, string Threshold, bool Passed, string Explanation);

/// <summary>The newest gate evaluation of a version, from the audit trail.</summary>
public sealed record GateView(int PolicyVersion, bool Passed, DateTimeOffset At, long Sequence, IReadOnlyList<GateRow> Rows);

/// <summary>A training run's per-step losses.</summary>
public sealed record LossHistory(IReadOnlyList<double> Losses, int? Epochs, string Device, DateTimeOffset StartedAt);

/// <summary>Everything the candidate-vs-production page shows. <see cref="Other"/> null: nothing to compare with.</summary>
public sealed record CompareView(
    Model Model,
    VersionLineage Candidate,
    VersionLineage? Other,
    IReadOnlyList<VersionLineage> Versions,
    StoredEvaluation? Evaluation,
    StoredEvaluation? OtherEvaluation,
    StoredBias? Bias,
    StoredBias? OtherBias,
    GateView? Gates,
    LossHistory? Loss,
    LossHistory? OtherLoss)
{
    /// <summary>True when the candidate's evaluation compared it with <see cref="Other"/> on the same rows (paired tests hold).</summary>
    public bool Paired => Other is not null && Evaluation?.ProductionNumber == Other.Number && Evaluation.ProductionReport is not null;
}

/// <summary>The policy band the bias page judges against.</summary>
public sealed record FairnessBand(double Lower, double Upper, double? EqualizedOddsGap, int PolicyVersion);

/// <summary>Everything the bias page shows.</summary>
public sealed record BiasView(Model Model, VersionLineage Version, StoredBias? Bias, FairnessBand Band);

/// <summary>One drift report as the drift table lists it.</summary>
public sealed record DriftRow(Guid Id, DateTimeOffset CreatedAt, bool Breached, double? Statistic, bool Resolved, string? ResolvedBy,
    string Resolution, int? ProductionNumber, string Reference, string Current, string ResultHash);

/// <summary>A model's drift reports (newest first) and, when asked for, one report's per-column results.</summary>
public sealed record DriftView(Model Model, IReadOnlyList<DriftRow> Reports, int TotalReports, DriftRow? Selected, IReadOnlyList<ColumnDriftResult> Columns);
