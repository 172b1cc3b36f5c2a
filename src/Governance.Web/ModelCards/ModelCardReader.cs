using System.Text.Json;
using Governance.Data;
using Governance.Domain.Audit;
using Governance.Domain.Registry;
using Governance.Pipelines.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.ModelCards;

/// <summary>
/// Reads one version's model card from the registry: the version and its lineage, the newest evaluation
/// and bias report, the audited gate results, approvals, drift checks while it served, and its audit events
/// (by the indexed subject columns). No query scans the whole audit trail; training runs and drift reports
/// are narrowed by their indexed model id first.
/// </summary>
public sealed class ModelCardReader(GovernanceDbContext db, TimeProvider time)
{
    /// <summary>Audit events listed under "changes through the lifecycle"; a long history is cut to the newest.</summary>
    public const int MaxLifecycleEntries = 300;

    /// <summary>Drift checks listed; older ones stay on the drift page and in the audit trail.</summary>
    public const int MaxDriftReports = 50;

    /// <summary>The card, or null when the model or version does not exist.</summary>
    public async Task<ModelCardContent?> ReadAsync(string name, int number, CancellationToken ct)
    {
        var model = await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name, ct);
        if (model is null)
        {
            return null;
        }
        var version = await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ModelId == model.Id && v.Number == number, ct);
        if (version is null)
        {
            return null;
        }
        var generatedAt = time.GetUtcNow();
        var subject = $"{model.Name}/{version.Number}";
        var parent = version.ParentVersionId is { } pid ? await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == pid, ct) : null;
        var production = await db.ModelVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.ModelId == model.Id && v.Stage == ModelStage.Production && v.Id != version.Id, ct);
        var training = await db.TrainingRuns.AsNoTracking().Where(t => t.ModelId == model.Id && t.ModelVersionId == version.Id)
            .OrderByDescending(t => t.StartedAt).FirstOrDefaultAsync(ct);
        var evaluation = await db.EvaluationRecords.AsNoTracking().Where(e => e.CandidateVersionId == version.Id)
            .OrderByDescending(e => e.CreatedAt).FirstOrDefaultAsync(ct);
        var bias = await db.BiasReports.AsNoTracking().Where(b => b.CandidateVersionId == version.Id)
            .OrderByDescending(b => b.CreatedAt).FirstOrDefaultAsync(ct);
        var datasetIds = new[] { version.DatasetVersionId, evaluation?.DatasetVersionId }.OfType<Guid>().Distinct().ToList();
        var datasets = await db.DatasetVersions.AsNoTracking().Where(d => datasetIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var gates = await db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectType == LoopAudit.VersionSubject && e.SubjectId == subject && e.Action == LoopAudit.GatesEvaluated)
            .OrderByDescending(e => e.Sequence).Select(e => e.Payload).FirstOrDefaultAsync(ct);
        var approvals = await db.ApprovalRequests.AsNoTracking().Where(a => a.ModelVersionId == version.Id)
            .OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var policyVersion = approvals.LastOrDefault()?.PolicyVersion ?? PolicyVersionOf(gates);
        var policies = db.ReleasePolicies.AsNoTracking().Where(p => p.ModelId == model.Id);
        var policy = policyVersion is { } pv
            ? await policies.Where(p => p.Version == pv).FirstOrDefaultAsync(ct)
            : await policies.OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        var drift = await db.DriftReports.AsNoTracking().Where(d => d.ModelId == model.Id && d.ProductionVersionId == version.Id)
            .OrderByDescending(d => d.CreatedAt).Take(MaxDriftReports).ToListAsync(ct);
        return new ModelCardContent
        {
            Model = model,
            Version = version,
            Parent = parent,
            Production = production,
            TrainingData = version.DatasetVersionId is { } did ? datasets.GetValueOrDefault(did) : null,
            Training = training,
            Evaluation = evaluation,
            EvaluationData = evaluation is null ? null : datasets.GetValueOrDefault(evaluation.DatasetVersionId),
            Bias = bias,
            Gates = gates is null ? null : CardJson.Parse(gates),
            Policy = policy,
            Approvals = approvals,
            Drift = drift,
            Lifecycle = await LifecycleAsync(subject, approvals.Select(a => a.Id.ToString()).ToList(), ct),
            AuditHead = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Take(1)
                .Select(e => new LifecycleEntry(e.Sequence, e.OccurredAt, e.Actor, e.Action, "", e.Hash)).FirstOrDefaultAsync(ct),
            GeneratedAt = generatedAt,
        };
    }

    // The version's own events and those of its approval requests (exact subjects: the index serves both).
    private async Task<List<LifecycleEntry>> LifecycleAsync(string subject, List<string> approvalIds, CancellationToken ct)
    {
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => (e.SubjectType == LoopAudit.VersionSubject && e.SubjectId == subject)
                || (e.SubjectType == LoopAudit.ApprovalSubject && approvalIds.Contains(e.SubjectId)))
            .OrderByDescending(e => e.Sequence).Take(MaxLifecycleEntries).ToListAsync(ct);
        return events.OrderBy(e => e.Sequence)
            .Select(e => new LifecycleEntry(e.Sequence, e.OccurredAt, e.Actor, e.Action, Summarise(e), e.Hash)).ToList();
    }

    /// <summary>A line a reader understands: stage moves with their reason, decisions with theirs.</summary>
    internal static string Summarise(AuditEvent e)
    {
        var payload = CardJson.TryParse(e.Payload);
        if (payload is not { ValueKind: JsonValueKind.Object } p)
        {
            return "";
        }
        return e.Action switch
        {
            AuditActions.VersionStageChanged => $"{CardJson.Text(p, "from")} → {CardJson.Text(p, "to")}{Reason(p)}",
            LoopAudit.ApprovalDecided => $"{CardJson.Text(p, "verdict")} as {CardJson.Text(p, "role")}{Reason(p)}",
            LoopAudit.ApprovalRequested => $"approval requested from {CardJson.List(p, "requiredRoles")}; initiator {CardJson.Text(p, "initiator")}",
            LoopAudit.GatesEvaluated => CardJson.Bool(p, "passed") == true ? "all release gates passed" : "a release gate failed",
            LoopAudit.EvaluationRecorded => $"evaluation recorded, macro-F1 {CardJson.Number(p, "macroF1")}",
            LoopAudit.BiasReportRecorded => "bias report recorded",
            ModelCardAudit.Exported => $"model card exported as {CardJson.Text(p, "format")}, SHA-256 {CardJson.Text(p, "sha256")}",
            _ => "",
        };
    }

    private static string Reason(JsonElement p) => CardJson.Text(p, "reason") is { Length: > 0 } r ? $": {r}" : "";

    private static int? PolicyVersionOf(string? gatesPayload) =>
        CardJson.TryParse(gatesPayload) is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("policyVersion", out var v) && v.TryGetInt32(out var n) ? n : null;
}
