using Governance.Data;
using Governance.Data.Audit;
using Governance.Data.Registry;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Governance.Pipelines.UseCases;

/// <summary>
/// One person's approval or rejection of a request, under the four-eyes rules of
/// <see cref="ApprovalRequest.Decide"/>. When the last required approval arrives the candidate is
/// promoted (the production alias moves, the old production version is archived); a rejection
/// rejects the candidate.
/// </summary>
public sealed class Decide(GovernanceDbContext db, ModelRegistry registry, AuditTrail audit, LoopStore store, TimeProvider time,
    ILogger<Decide> log, IDriftCheckRequester? driftChecks = null)
{
    /// <summary>
    /// Records the decision of <paramref name="userName"/> holding <paramref name="userRoles"/> (as the
    /// caller authenticated them). Throws <see cref="DomainException"/> (Forbidden / Invalid / Conflict)
    /// with the broken rule; nothing is written then.
    /// </summary>
    public async Task<ApprovalRequest> RunAsync(Guid requestId, string userName, IReadOnlyCollection<string> userRoles, ApprovalVerdict verdict, string? reason, CancellationToken ct)
    {
        var actor = Actor.User(userName);
        string modelName = "";
        int number = 0;
        var request = await LoopWrite.RunAsync(db, async () =>
        {
            var r = await db.ApprovalRequests.FirstOrDefaultAsync(a => a.Id == requestId, ct)
                ?? throw DomainException.NotFound($"Approval request {requestId} does not exist.");
            var version = await db.ModelVersions.AsNoTracking().FirstAsync(v => v.Id == r.ModelVersionId, ct);
            modelName = await db.Models.Where(m => m.Id == version.ModelId).Select(m => m.Name).FirstAsync(ct);
            number = version.Number;
            var decision = r.Decide(userName, userRoles, verdict, reason, time.GetUtcNow());
            // Decisions is a JSON column; mark it so the appended decision is written.
            db.Entry(r).Property(x => x.Decisions).IsModified = true;
            await audit.AppendAsync(new AuditEntry(actor, LoopAudit.ApprovalDecided, LoopAudit.ApprovalSubject, r.Id.ToString(),
                AuditPayload.Of(new { model = modelName, version = number, decision.Role, verdict = decision.Verdict.ToString(), decision.Reason, status = r.Status.ToString(), evidenceHash = r.EvidenceHash })), ct);
            return r;
        }, ct);
        if (request.Status == ApprovalStatus.Approved)
        {
            await PromoteAsync(request, modelName, number, actor, ct);
        }
        else if (request.Status == ApprovalStatus.Rejected)
        {
            await RejectCandidateAsync(modelName, number, $"Approval rejected by {userName}: {reason}", actor, ct);
        }
        return request;
    }

    /// <summary>
    /// Promotes the candidate of an approved request. Safe to repeat: the last approval and the
    /// promotion are two transactions (the registry's is its own), so a failure between them leaves an
    /// approved request with a Staging version, which <see cref="ReconcileApprovals"/> (or a second call)
    /// promotes; the "promoted" webhook is enqueued once per request, also when the failure came after
    /// the stage change.
    /// </summary>
    public async Task PromoteAsync(ApprovalRequest request, string modelName, int number, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Status != ApprovalStatus.Approved)
        {
            throw DomainException.Conflict($"Request {request.Id} is {request.Status}; only an approved request promotes.");
        }
        var version = await registry.GetVersionAsync(modelName, number, ct);
        if (version?.Stage == ModelStage.Staging)
        {
            var approvers = string.Join(" and ", request.Decisions.Select(d => $"{d.UserName} ({d.Role})"));
            await registry.ChangeStageAsync(modelName, number, ModelStage.Production, $"Approved by {approvers}; evidence {request.EvidenceHash[..12]}.", actor, ct);
            await RequestDriftCheckAsync(modelName, number, ct);
        }
        else if (version?.Stage != ModelStage.Production)
        {
            return;
        }
        var approvalId = request.Id.ToString();
        await LoopWrite.RunAsync(db, async () =>
        {
            if (!await db.WebhookDeliveries.AnyAsync(d => d.Event == WebhookEvents.VersionPromoted && d.Payload.Contains(approvalId), ct))
            {
                await WebhookOutbox.EnqueueAsync(db, WebhookEvents.VersionPromoted,
                    new { model = modelName, version = number, approvalId = request.Id, evidenceHash = request.EvidenceHash }, time.GetUtcNow(), ct);
            }
            return 0;
        }, ct);
    }

    /// <summary>Rejects the candidate of a rejected request if it still waits (Staging or Candidate); safe to repeat.</summary>
    public async Task RejectCandidateAsync(string modelName, int number, string reason, Actor actor, CancellationToken ct)
    {
        var version = await registry.GetVersionAsync(modelName, number, ct);
        if (version?.Stage is ModelStage.Staging or ModelStage.Candidate)
        {
            await registry.ChangeStageAsync(modelName, number, ModelStage.Rejected, reason, actor, ct);
        }
    }

    // A new production version brings new reference data: when the model receives incoming data, its
    // drift check runs now, so the drift page has a report right after the approval (the demo's first
    // drift report) instead of at the next daily fire. The promotion stands whatever this does.
    private async Task RequestDriftCheckAsync(string modelName, int number, CancellationToken ct)
    {
        if (driftChecks is null || await store.LatestDatasetAsync(LoopStore.IncomingDataset(modelName), ct) is null)
        {
            return;
        }
        try
        {
            await driftChecks.RequestDriftCheckAsync(modelName, $"Version {number} was promoted; checking incoming data against its training data.", ct);
        }
#pragma warning disable CA1031 // the promotion is committed; a failed request only waits for the next scheduled drift check
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            log.LogWarning(ex, "Could not start the drift check of {Model} after promoting version {Number}; the next scheduled check covers it.", modelName, number);
        }
    }
}
