using Governance.Data;
using Governance.Data.Registry;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.UseCases;

/// <summary>
/// Finishes approval steps that a failure cut in two. Opening a request and moving its version to
/// Staging, the last decision and the promotion (or rejection) are each two transactions, because the
/// registry writes stage changes (with their audit events) in its own. This pass, run with the
/// periodic approval housekeeping, completes the second half wherever only the first committed:
/// a pending request's version still Candidate goes to Staging; an approved request's Staging
/// version is promoted (and its webhook enqueued once); a rejected request's waiting version is
/// rejected. Idempotent: a second pass changes nothing. Requests younger than <see cref="Grace"/> are
/// left alone, so the pass does not race the run or the request that is completing them right now.
/// </summary>
public sealed class ReconcileApprovals(GovernanceDbContext db, ModelRegistry registry, Decide decide, TimeProvider time)
{
    /// <summary>How long the second half of a step may take before this pass completes it.</summary>
    public static TimeSpan Grace { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Returns how many requests needed a step completed.</summary>
    public async Task<int> RunAsync(Actor actor, CancellationToken ct)
    {
        var settled = time.GetUtcNow() - Grace;
        var open = await (
            from a in db.ApprovalRequests.AsNoTracking()
            join v in db.ModelVersions.AsNoTracking() on a.ModelVersionId equals v.Id
            join m in db.Models.AsNoTracking() on v.ModelId equals m.Id
            where (a.Status == ApprovalStatus.Pending && v.Stage == ModelStage.Candidate)
                || (a.Status == ApprovalStatus.Approved && (v.Stage == ModelStage.Staging || v.Stage == ModelStage.Production))
                || (a.Status == ApprovalStatus.Rejected && (v.Stage == ModelStage.Staging || v.Stage == ModelStage.Candidate))
            select new { Request = a, Model = m.Name, v.Number, v.Stage, v.StageChangedAt }).ToListAsync(ct);
        // A promotion older than a day is not "cut off": its webhook was due long ago (and a subscription
        // made since must not receive it now).
        var recent = time.GetUtcNow() - TimeSpan.FromDays(1);
        open.RemoveAll(i => i.Stage == ModelStage.Production && i.StageChangedAt < recent);
        var completed = 0;
        // Filtered here: the last decision's time lives in the Decisions JSON column.
        foreach (var item in open.Where(i => (i.Request.Decisions.LastOrDefault()?.DecidedAt ?? i.Request.CreatedAt) <= settled))
        {
            try
            {
                completed += await CompleteAsync(item.Request, item.Model, item.Number, item.Stage, actor, ct) ? 1 : 0;
            }
            catch (DomainException ex) when (ex.Kind == DomainErrorKind.Conflict)
            {
                // Someone moved the version meanwhile (a rollback, a manual stage change): nothing left to complete.
            }
        }
        return completed;
    }

    private async Task<bool> CompleteAsync(ApprovalRequest request, string model, int number, ModelStage stage, Actor actor, CancellationToken ct)
    {
        switch (request.Status)
        {
            case ApprovalStatus.Pending:
                await registry.ChangeStageAsync(model, number, ModelStage.Staging, "Passed its release gates; waiting for approval.", actor, ct);
                return true;
            case ApprovalStatus.Approved:
                // Production: the promotion happened; PromoteAsync only makes sure its webhook was enqueued.
                await decide.PromoteAsync(request, model, number, actor, ct);
                return stage == ModelStage.Staging;
            case ApprovalStatus.Rejected:
                var last = request.Decisions.LastOrDefault();
                await decide.RejectCandidateAsync(model, number, $"Approval rejected by {last?.UserName}: {last?.Reason}", actor, ct);
                return true;
            default:
                return false;
        }
    }
}
