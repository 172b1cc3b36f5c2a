using System.Text.Json;
using Governance.Data;
using Governance.Domain.Evidence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.Webhooks;

/// <summary>Queues an event for every active subscription inside the caller's write transaction, so the event exists exactly when the change does.</summary>
public static class WebhookOutbox
{
    public static async Task EnqueueAsync(GovernanceDbContext db, string eventName, object data, DateTimeOffset now, CancellationToken ct)
    {
        var subscriptions = await db.WebhookSubscriptions.Where(s => s.Active).ToListAsync(ct);
        var payload = JsonSerializer.Serialize(new { @event = eventName, occurredAt = now, data }, JsonSerializerOptions.Web);
        foreach (var s in subscriptions.Where(s => s.Events.Contains(eventName)))
        {
            db.WebhookDeliveries.Add(WebhookDelivery.Create(s.Id, eventName, payload, now));
        }
    }
}
