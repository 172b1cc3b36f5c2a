using Governance.Data;
using Governance.Data.Audit;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Evidence;
using Governance.Domain.Releases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.UseCases;

/// <summary>Stores a new version of a model's release policy (numbered after the last), audited.</summary>
public sealed class SetReleasePolicy(GovernanceDbContext db, AuditTrail audit, LoopStore store, TimeProvider time)
{
    public async Task<ModelReleasePolicy> RunAsync(string modelName, ReleasePolicy policy, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var model = await store.RequireModelAsync(modelName, ct);
        return await LoopWrite.RunAsync(db, async () =>
        {
            var last = await db.ReleasePolicies.Where(p => p.ModelId == model.Id).MaxAsync(p => (int?)p.Version, ct) ?? 0;
            var row = ModelReleasePolicy.Create(model.Id, policy with { Version = last + 1 }, actor.ToString(), time.GetUtcNow());
            db.ReleasePolicies.Add(row);
            await audit.AppendAsync(new AuditEntry(actor, LoopAudit.PolicySet, LoopAudit.ModelSubject, model.Name,
                AuditPayload.Of(new { version = row.Version, policy = row.Policy })), ct);
            return row;
        }, ct);
    }
}
