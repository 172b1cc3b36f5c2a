using Governance.Data;
using Governance.Data.Audit;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Evidence;
using Governance.Pipelines.UseCases;

namespace Governance.Pipelines.Webhooks;

/// <summary>Adds webhook subscriptions, audited (the secret itself is never written to the trail).</summary>
public sealed class WebhookSubscriptions(GovernanceDbContext db, AuditTrail audit, TimeProvider time)
{
    public async Task<WebhookSubscription> SubscribeAsync(string url, string secret, IReadOnlyList<string> events, Actor actor, CancellationToken ct) =>
        await LoopWrite.RunAsync(db, async () =>
        {
            var s = WebhookSubscription.Create(url, secret, events, actor.ToString(), time.GetUtcNow());
            db.WebhookSubscriptions.Add(s);
            await audit.AppendAsync(new AuditEntry(actor, LoopAudit.WebhookSubscribed, "webhook", s.Id.ToString(),
                AuditPayload.Of(new { s.Url, s.Events })), ct);
            return s;
        }, ct);
}
