using System.Text.Json;
using Governance.Data;
using Governance.Data.Audit;
using Governance.Data.Registry;
using Governance.Domain;
using Governance.Domain.Audit;
using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.UseCases;

/// <summary>
/// Opens the approval request of a candidate that passed its gates: the roles the policy needs, an
/// evidence snapshot (ids and SHA-256 of the evaluation, bias and drift records and the gate results)
/// and its hash; the initiator is the run's. Moves the candidate to Staging. Idempotent per candidate.
/// </summary>
public sealed class OpenApproval(GovernanceDbContext db, ModelRegistry registry, AuditTrail audit, TimeProvider time)
{
    public async Task<ApprovalRequest> RunAsync(GateOutcome outcome, JobContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(context);
        if (!outcome.Passed)
        {
            throw DomainException.Conflict($"Version {outcome.Candidate.Number} did not pass its gates; no approval can be requested.");
        }
        var candidate = outcome.Candidate;
        var model = await db.Models.AsNoTracking().FirstAsync(m => m.Id == candidate.ModelId, ct);
        var existing = await db.ApprovalRequests.AsNoTracking().FirstOrDefaultAsync(a => a.ModelVersionId == candidate.Id, ct);
        if (existing is not null)
        {
            await MoveToStagingAsync(model.Name, candidate.Number, context, ct);
            return existing;
        }
        var evidence = JsonSerializer.Serialize(new
        {
            model = model.Name,
            candidate = new { candidate.Id, candidate.Number, candidate.ArtifactHash, candidate.DatasetVersionId },
            policyVersion = outcome.Policy.Version,
            evaluation = new { outcome.Evaluation.Id, hash = outcome.Evaluation.ResultHash },
            bias = outcome.Bias is null ? null : new { outcome.Bias.Id, hash = outcome.Bias.ResultHash },
            drift = outcome.Drift.Select(d => new { d.Id, hash = d.ResultHash }),
            latestDriftCheck = outcome.LatestDrift is null ? null : new { outcome.LatestDrift.Id, hash = outcome.LatestDrift.ResultHash, outcome.LatestDrift.Breached, outcome.LatestDrift.Resolved },
            gates = outcome.Results.Select(r => new { r.RuleText, r.Value, r.Passed, r.Explanation }),
        }, JsonSerializerOptions.Web);
        var request = await LoopWrite.RunAsync(db, async () =>
        {
            var now = time.GetUtcNow();
            var r = ApprovalRequest.Open(candidate.Id, context.Initiator, outcome.Policy, evidence, EvidenceHash.Of(evidence), now);
            db.ApprovalRequests.Add(r);
            await audit.AppendAsync(new AuditEntry(context.Actor, LoopAudit.ApprovalRequested, LoopAudit.ApprovalSubject, r.Id.ToString(),
                AuditPayload.Of(new { model = model.Name, version = candidate.Number, requiredRoles = r.RequiredRoles, initiator = r.Initiator, evidenceHash = r.EvidenceHash, expiresAt = r.ExpiresAt })), ct);
            await WebhookOutbox.EnqueueAsync(db, WebhookEvents.ApprovalRequested,
                new { model = model.Name, version = candidate.Number, approvalId = r.Id, requiredRoles = r.RequiredRoles, evidenceHash = r.EvidenceHash, expiresAt = r.ExpiresAt }, now, ct);
            return r;
        }, ct);
        await MoveToStagingAsync(model.Name, candidate.Number, context, ct);
        return request;
    }

    private async Task MoveToStagingAsync(string model, int number, JobContext context, CancellationToken ct)
    {
        var version = await registry.GetVersionAsync(model, number, ct);
        if (version?.Stage == ModelStage.Candidate)
        {
            await registry.ChangeStageAsync(model, number, ModelStage.Staging, "Passed its release gates; waiting for approval.", context.Actor, ct);
        }
    }
}
