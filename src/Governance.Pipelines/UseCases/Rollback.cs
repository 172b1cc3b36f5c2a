using Governance.Data;
using Governance.Data.Audit;
using Governance.Data.Registry;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.UseCases;

/// <summary>Puts a previously approved (now Archived) version back into production, with a reason; the current one is archived.</summary>
public sealed class Rollback(GovernanceDbContext db, ModelRegistry registry, AuditTrail audit)
{
    public async Task<ModelVersion> RunAsync(string modelName, int number, string reason, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid("A rollback needs a reason.");
        }
        var target = await registry.GetVersionAsync(modelName, number, ct)
            ?? throw DomainException.NotFound($"Model '{modelName}' has no version {number}.");
        if (target.Stage != ModelStage.Archived)
        {
            throw DomainException.Conflict($"Only an archived (formerly production) version can be rolled back to; version {number} is {target.Stage}.");
        }
        var approved = await db.ApprovalRequests.AsNoTracking().AnyAsync(a => a.ModelVersionId == target.Id && a.Status == ApprovalStatus.Approved, ct);
        if (!approved)
        {
            throw DomainException.Conflict($"Version {number} was never approved; a rollback may only return to an approved version.");
        }
        var current = await db.ModelVersions.AsNoTracking().Where(v => v.ModelId == target.ModelId && v.Stage == ModelStage.Production)
            .Select(v => (int?)v.Number).FirstOrDefaultAsync(ct);
        var version = await registry.ChangeStageAsync(modelName, number, ModelStage.Production, $"Rollback: {reason.Trim()}", actor, ct);
        await LoopWrite.RunAsync(db, async () =>
        {
            await audit.AppendAsync(new AuditEntry(actor, LoopAudit.VersionRolledBack, LoopAudit.VersionSubject, $"{modelName}/{number}",
                AuditPayload.Of(new { model = modelName, from = current, to = number, reason = reason.Trim() })), ct);
            return 0;
        }, ct);
        return version;
    }
}
