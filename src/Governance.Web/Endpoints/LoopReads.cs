using System.Text.Json;
using Governance.Data;
using Governance.Domain;
using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Endpoints;

/// <summary>Read models of the loop API: approval requests with their model and version, a version's evidence.</summary>
internal sealed class LoopReads(GovernanceDbContext db)
{
    public async Task<Model> RequireModelAsync(string name, CancellationToken ct) =>
        await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name, ct)
            ?? throw DomainException.NotFound($"Model '{name}' does not exist.");

    public async Task<ModelVersion> RequireVersionAsync(string name, int number, CancellationToken ct)
    {
        var model = await RequireModelAsync(name, ct);
        return await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ModelId == model.Id && v.Number == number, ct)
            ?? throw DomainException.NotFound($"Model '{name}' has no version {number}.");
    }

    public async Task<IReadOnlyList<ApprovalView>> ApprovalsAsync(ApprovalStatus? status, string? model, CancellationToken ct)
    {
        var q = db.ApprovalRequests.AsNoTracking();
        if (status is { } s)
        {
            q = q.Where(a => a.Status == s);
        }
        var requests = await q.ToListAsync(ct);
        var views = await ViewsAsync(requests, ct);
        return views.Where(v => model is null || v.Model == model).OrderByDescending(v => v.CreatedAt).ToList();
    }

    public async Task<ApprovalView> RequireApprovalAsync(Guid id, CancellationToken ct)
    {
        var request = await db.ApprovalRequests.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw DomainException.NotFound($"Approval request {id} does not exist.");
        return (await ViewsAsync([request], ct))[0];
    }

    /// <summary>The newest evaluation and bias report of the version, its gate results (as audited) and its approval request.</summary>
    public async Task<VersionEvidence> EvidenceAsync(string name, int number, CancellationToken ct)
    {
        var version = await RequireVersionAsync(name, number, ct);
        var evaluation = await db.EvaluationRecords.AsNoTracking().Where(e => e.CandidateVersionId == version.Id)
            .OrderByDescending(e => e.CreatedAt).FirstOrDefaultAsync(ct);
        var bias = await db.BiasReports.AsNoTracking().Where(b => b.CandidateVersionId == version.Id)
            .OrderByDescending(b => b.CreatedAt).FirstOrDefaultAsync(ct);
        var subject = $"{name}/{number}";
        var gates = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == LoopAudit.GatesEvaluated && e.SubjectType == LoopAudit.VersionSubject && e.SubjectId == subject)
            .OrderByDescending(e => e.Sequence).Select(e => e.Payload).FirstOrDefaultAsync(ct);
        var request = await db.ApprovalRequests.AsNoTracking().Where(a => a.ModelVersionId == version.Id)
            .OrderByDescending(a => a.CreatedAt).FirstOrDefaultAsync(ct);
        return new VersionEvidence(name, number, version.Stage,
            evaluation is null ? null : new EvidenceRecord(evaluation.Id, evaluation.ResultHash, evaluation.CreatedAt, Parse(evaluation.Result)),
            bias is null ? null : new EvidenceRecord(bias.Id, bias.ResultHash, bias.CreatedAt, Parse(bias.Result)),
            gates is null ? null : Parse(gates),
            request is null ? null : (await ViewsAsync([request], ct))[0]);
    }

    private async Task<List<ApprovalView>> ViewsAsync(IReadOnlyList<ApprovalRequest> requests, CancellationToken ct)
    {
        var versionIds = requests.Select(r => r.ModelVersionId).Distinct().ToList();
        var versions = await db.ModelVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Join(db.Models.AsNoTracking(), v => v.ModelId, m => m.Id, (v, m) => new { v.Id, v.Number, m.Name }).ToListAsync(ct);
        var byId = versions.ToDictionary(v => v.Id);
        return requests.Select(r => new ApprovalView(r.Id, byId[r.ModelVersionId].Name, byId[r.ModelVersionId].Number, r.Status, r.Initiator,
            r.RequiredRoles, r.Status == ApprovalStatus.Pending ? r.OutstandingRoles : [], r.Decisions, r.EvidenceHash, r.PolicyVersion,
            r.CreatedAt, r.ExpiresAt, r.ClosedAt)).ToList();
    }

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}

/// <summary>An approval request as the inbox shows it.</summary>
internal sealed record ApprovalView(
    Guid Id, string Model, int Version, ApprovalStatus Status, string Initiator, IReadOnlyList<string> RequiredRoles,
    IReadOnlyList<string> OutstandingRoles, IReadOnlyList<ApprovalDecision> Decisions, string EvidenceHash, int PolicyVersion,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? ClosedAt);

/// <summary>A stored evaluation or bias record: its id, hash and result document.</summary>
internal sealed record EvidenceRecord(Guid Id, string ResultHash, DateTimeOffset CreatedAt, JsonElement Result);

/// <summary>What a version was (or will be) decided on.</summary>
internal sealed record VersionEvidence(
    string Model, int Version, ModelStage Stage, EvidenceRecord? Evaluation, EvidenceRecord? Bias, JsonElement? Gates, ApprovalView? Approval);
