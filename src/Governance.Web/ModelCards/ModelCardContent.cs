using System.Text.Json;
using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Domain.Releases;

namespace Governance.Web.ModelCards;

/// <summary>
/// Everything the model card of one version shows, read from the registry at <see cref="GeneratedAt"/>.
/// Optional parts are null or empty when the registry holds none; the card then says so in words.
/// </summary>
public sealed record ModelCardContent
{
    public required Model Model { get; init; }
    public required ModelVersion Version { get; init; }
    public ModelVersion? Parent { get; init; }
    /// <summary>The production version when the card was generated, if another one.</summary>
    public ModelVersion? Production { get; init; }
    public DatasetVersion? TrainingData { get; init; }
    public TrainingRun? Training { get; init; }
    public EvaluationRecord? Evaluation { get; init; }
    public DatasetVersion? EvaluationData { get; init; }
    public BiasReportRecord? Bias { get; init; }
    /// <summary>The gate results as audited (<c>gates.evaluated</c> payload), newest.</summary>
    public JsonElement? Gates { get; init; }
    /// <summary>The release policy the version was (or will be) judged by.</summary>
    public ModelReleasePolicy? Policy { get; init; }
    /// <summary>Approval requests of the version, oldest first.</summary>
    public IReadOnlyList<ApprovalRequest> Approvals { get; init; } = [];
    /// <summary>Drift checks of the model while this version served in production, newest first.</summary>
    public IReadOnlyList<DriftReportRecord> Drift { get; init; } = [];
    /// <summary>Audit events of the version (registration, evidence, stage moves, exports), oldest first.</summary>
    public IReadOnlyList<LifecycleEntry> Lifecycle { get; init; } = [];
    /// <summary>The head of the audit chain when the card was generated: the record it reflects.</summary>
    public LifecycleEntry? AuditHead { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>"spam-triage/3", the audit subject id of the version.</summary>
    public string Subject => $"{Model.Name}/{Version.Number}";
}

/// <summary>One audit event as the card lists it.</summary>
public sealed record LifecycleEntry(long Sequence, DateTimeOffset OccurredAt, string Actor, string Action, string Summary, string Hash);
