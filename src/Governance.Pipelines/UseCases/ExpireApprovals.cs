using Governance.Data;
using Governance.Data.Audit;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Releases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.UseCases;

/// <summary>Closes pending approval requests whose time is up (by the injected clock), one audit event each.</summary>
public sealed class ExpireApprovals(GovernanceDbContext db, AuditTrail audit, TimeProvider time)
{
    public async Task<int> RunAsync(Actor actor, CancellationToken ct) =>
        await LoopWrite.RunAsync(db, async () =>
        {
            var now = time.GetUtcNow();
            var pending = await db.ApprovalRequests.Where(a => a.Status == ApprovalStatus.Pending).ToListAsync(ct);
            var expired = 0;
            foreach (var request in pending.Where(r => r.ExpireIfDue(now)))
            {
                expired++;
                await audit.AppendAsync(new AuditEntry(actor, LoopAudit.ApprovalExpired, LoopAudit.ApprovalSubject, request.Id.ToString(),
                    AuditPayload.Of(new { request.ModelVersionId, request.ExpiresAt, outstanding = request.OutstandingRoles })), ct);
            }
            return expired;
        }, ct);
}
